package dev.occlude;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.metric.Metrics;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslatorContext;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.FileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The independent reference: DJL's own ImageClassificationTranslator, configured from the model
 * directory's serving.properties, on whole (occluded) images. Nothing of the tool's
 * preprocessing is used here.
 */
public final class DjlReference implements AutoCloseable {
    private final ZooModel<Image, Classifications> model;
    private final Predictor<Image, Classifications> predictor;
    private final Map<String, String> arguments = new HashMap<>();

    public DjlReference(Path modelDir) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        model = Criteria.builder().setTypes(Image.class, Classifications.class).optModelPath(modelDir)
                .optEngine("PyTorch").build().loadModel();
        predictor = model.newPredictor();
        Properties p = new Properties();
        try (FileReader r = new FileReader(modelDir.resolve("serving.properties").toFile())) {
            p.load(r);
        }
        for (String k : p.stringPropertyNames()) {
            arguments.put(k, p.getProperty(k).trim());
        }
    }

    /** Every class's probability for each image, in the synset's order. */
    public List<float[]> probabilities(List<BufferedImage> images, List<String> classes) throws Exception {
        List<Image> batch = new ArrayList<>();
        for (BufferedImage b : images) {
            batch.add(ImageFactory.getInstance().fromImage(b));
        }
        List<float[]> out = new ArrayList<>();
        for (Classifications c : predictor.batchPredict(batch)) {
            float[] p = new float[classes.size()];
            for (int i = 0; i < classes.size(); i++) {
                p[i] = (float) c.get(classes.get(i)).getProbability();
            }
            out.add(p);
        }
        return out;
    }

    /** The float tensor (CHW) DJL's translator feeds the network for this image. */
    public float[] inputTensor(BufferedImage image) throws Exception {
        return inputTensor(arguments, image);
    }

    /** The float tensor (CHW) DJL's translator makes of this image under these serving.properties keys. */
    public static float[] inputTensor(Map<String, String> arguments, BufferedImage image) throws Exception {
        ImageClassificationTranslator translator = ImageClassificationTranslator.builder(arguments).build();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDList list = translator.processInput(context(manager), ImageFactory.getInstance().fromImage(image));
            return list.get(0).toFloatArray();
        }
    }

    /** A copy of the image with the rectangle painted in 8-bit grey. */
    public static BufferedImage occlude(BufferedImage image, Rectangle r, int grey) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        int rgb = grey << 16 | grey << 8 | grey;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                copy.setRGB(x, y, rgb);
            }
        }
        return copy;
    }

    private static TranslatorContext context(NDManager manager) {
        Map<String, Object> attachments = new HashMap<>();
        return new TranslatorContext() {
            @Override public Model getModel() { return null; }
            @Override public NDManager getNDManager() { return manager; }
            @Override public NDManager getPredictorManager() { return manager; }
            @Override public Block getBlock() { return null; }
            @Override public Metrics getMetrics() { return null; }
            @Override public Object getAttachment(String key) { return attachments.get(key); }
            @Override public void setAttachment(String key, Object value) { attachments.put(key, value); }
            @Override public void close() { }
        };
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
