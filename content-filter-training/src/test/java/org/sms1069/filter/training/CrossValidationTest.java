package org.sms1069.filter.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.eval.EvalReport;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.score.NgramHasher;

/**
 * Folds are stratified and disjoint, every line is judged exactly once by a model that did not see
 * it, and a model learns a pitch that no lexicon term names.
 */
class CrossValidationTest {

    private static final RuleSet RULES = RuleSet.defaults().withModel(null);
    private static final Examples EXAMPLES = new Examples(ContentFilter.load(RULES), new NgramHasher(16));

    @TempDir
    Path dir;

    /** Ads that say "回复1开通 … 享 … 礼遇" (no lexicon term), notices that say "已 … 请 … 查收". */
    private Path corpus() throws IOException {
        List<String> lines = new ArrayList<>(List.of("label\tcategory\ttext"));
        String[] shops = {"青柚", "橙光", "麦田", "云杉", "鲸落", "橘猫", "禾苗", "千帆", "晴川", "锦程"};
        for (int i = 0; i < 60; i++) {
            String shop = shops[i % shops.length];
            lines.add("BLOCK\tMARKETING\t【" + shop + "】尊享" + (i + 3) + "重礼遇，回复1开通尊享礼遇，本月开通更享礼遇" + i);
            lines.add("ALLOW\tNOTIFICATION\t【" + shop + "】您的订单" + (1000 + i) + "已发出，请注意查收，物流单号" + (5000 + i));
        }
        Path file = dir.resolve("synthetic.tsv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void foldsAreStratifiedAndEveryLineIsJudgedOnceOnHeldOutData() throws IOException {
        List<Example> examples = EXAMPLES.load(new CorpusFile(corpus(), 1));
        int[] fold = Folds.assign(examples, 4, 1);
        for (int k = 0; k < 4; k++) {
            List<Example> in = Folds.in(examples, fold, k);
            assertThat(in.stream().filter(Example::positive).count()).isEqualTo(15);
            assertThat(Folds.notIn(examples, fold, k)).hasSize(examples.size() - in.size()).doesNotContainAnyElementsOf(in);
        }
        ModelTrainer trainer = new ModelTrainer(16, 4, RULES.settings(), 0.05);
        EvalReport pooled = new EvalReport();
        List<EvalReport> folds = new HeldOutEvaluation(RULES, trainer).crossValidate(examples, List.of(), 4, pooled);
        assertThat(folds).hasSize(4);
        assertThat(pooled.total()).isEqualTo(examples.size());
        assertThat(pooled.missed()).isLessThanOrEqualTo(3);
        assertThat(pooled.falseBlocks()).isLessThanOrEqualTo(3);
    }
}
