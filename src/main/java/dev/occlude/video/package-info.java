/**
 * Videos: which frames are sampled ({@link dev.occlude.video.Sampling}) and what a run does with a
 * video ({@link dev.occlude.video.VideoOptions}), frames read with seeking and damage reported
 * ({@link dev.occlude.video.VideoReader}), the annotated MP4 written ({@link dev.occlude.video.VideoWriter}).
 */
package dev.occlude.video;
