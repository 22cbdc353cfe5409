package org.sms1069.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;

class LabelledFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsBothLabelStylesAndSkipsEmptyText() throws Exception {
        Path file = dir.resolve("x.tsv");
        Files.writeString(file, "id\ttext\tlabel\n1\t你好\t0\n2\t\t1\n3\t全场秒杀\tBLOCK\n4\t验证码1234\tmaybe\n",
                StandardCharsets.UTF_8);
        LabelledFileReader.Contents contents = new LabelledFileReader().read(file);
        assertThat(contents.skipped()).isEqualTo(2);
        assertThat(contents.messages()).extracting(LabelledMessage::expectBlock).containsExactly(false, true);
    }

    @Test
    void reportEndsWithOneJsonObject() throws Exception {
        Path file = dir.resolve("y.tsv");
        Files.writeString(file, "label\tcategory\ttext\nALLOW\tNOTIFICATION\t【青禾商城】您的订单已发货。\n"
                + "BLOCK\tMARKETING\t【青禾商城】全场满100减30，回T退订\n", StandardCharsets.UTF_8);
        ContentFilter filter = ContentFilter.withDefaultRules();
        EvalReport report = new EvalReport();
        for (LabelledMessage m : new LabelledFileReader().read(file).messages()) {
            report.record(m, filter.check(FilterMessage.untyped(m.text())));
        }
        assertThat(report.toJson()).isEqualTo("{\"total\":2,\"allow\":1,\"falseBlocks\":0,\"block\":1,\"missed\":0,"
                + "\"byCategory\":{\"MARKETING\":{\"n\":1,\"wrong\":0},\"NOTIFICATION\":{\"n\":1,\"wrong\":0}}}");
        assertThat(EvalThresholds.parse(List.of("--min-recall", "1", "--max-wrong-rate", "MARKETING=0")).failures(report)).isEmpty();
    }
}
