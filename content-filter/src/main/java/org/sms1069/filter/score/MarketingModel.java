package org.sms1069.filter.score;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained marketing model: one signed byte per hashed feature ({@code weight = q * scale}),
 * a bias, and the Platt calibration {@code p = 1 / (1 + exp(plattA * raw + plattB))} fitted on
 * held-out scores. The file is this record gzipped ({@link #write}, {@link #read}); the trainer
 * lives in the content-filter-training module, the run time needs nothing but this class.
 */
public record MarketingModel(String version, int bits, byte[] weights, float scale, float bias,
                             float plattA, float plattB) {

    private static final String MAGIC = "sms1069-marketing-model";
    private static final int FORMAT = 1;

    public MarketingModel {
        Objects.requireNonNull(version, "version");
        if (weights.length != 1 << bits) {
            throw new IllegalArgumentException("expected 2^" + bits + " weights, got " + weights.length);
        }
    }

    /** Quantises float weights to one byte each, the largest magnitude mapping to 127. */
    public static MarketingModel quantise(String version, int bits, double[] weights, double bias,
                                          double plattA, double plattB) {
        double max = 1e-9;
        for (double w : weights) {
            max = Math.max(max, Math.abs(w));
        }
        float scale = (float) (max / 127);
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            q[i] = (byte) Math.round(weights[i] / scale);
        }
        return new MarketingModel(version, bits, q, scale, (float) bias, (float) plattA, (float) plattB);
    }

    public MarketingModel withCalibration(double a, double b) {
        return new MarketingModel(version, bits, weights, scale, bias, (float) a, (float) b);
    }

    public double weight(int bucket) {
        return weights[bucket] * scale;
    }

    public double probability(double raw) {
        return 1 / (1 + Math.exp(plattA * raw + plattB));
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream zip = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(zip);
        data.writeUTF(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(version);
        data.writeInt(bits);
        data.writeFloat(scale);
        data.writeFloat(bias);
        data.writeFloat(plattA);
        data.writeFloat(plattB);
        data.write(weights);
        data.flush();
        zip.finish();
    }

    public static MarketingModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new GZIPInputStream(in));
        if (!MAGIC.equals(data.readUTF())) {
            throw new IOException("not a marketing model file");
        }
        int format = data.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown marketing model format " + format);
        }
        String version = data.readUTF();
        int bits = data.readInt();
        if (bits < 8 || bits > 24) {
            throw new IOException("bad model size 2^" + bits);
        }
        float scale = data.readFloat();
        float bias = data.readFloat();
        float a = data.readFloat();
        float b = data.readFloat();
        byte[] weights = new byte[1 << bits];
        data.readFully(weights);
        return new MarketingModel(version, bits, weights, scale, bias, a, b);
    }
}
