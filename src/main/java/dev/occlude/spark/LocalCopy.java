package dev.occlude.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file as a local path, which FFmpeg needs to seek in a video: a local file as it is, a file on
 * another file system (HDFS, S3) copied into a temporary folder first.
 *
 * @param file the local path
 * @param temporary whether it is a copy, the caller's to delete
 */
record LocalCopy(java.nio.file.Path file, boolean temporary) {
    static LocalCopy of(Path p, Configuration conf, java.nio.file.Path tempDir) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            return new LocalCopy(java.nio.file.Path.of(fs.makeQualified(p).toUri()), false);
        }
        java.nio.file.Path copy = Files.createTempFile(tempDir, "video-", "-" + p.getName());
        try (InputStream in = fs.open(p)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new LocalCopy(copy, true);
    }
}
