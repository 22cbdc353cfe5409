package org.sms1069.api.deadletters;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.model.Topics;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Body of {@code POST /admin/v1/dead-letters/replay}: which letters of {@code sms.dead} to replay,
 * either the range {@code fromOffset..toOffset} (inclusive) or a list of {@code offsets}, in one
 * partition of {@code sms.dead} (0 unless given), at most {@value #MAX_LETTERS} at once.
 *
 * @param topic when given, only letters that came from this topic are replayed
 */
public record ReplaySelection(@Min(0) Integer partition,
                              @Min(0) Long fromOffset,
                              @Min(0) Long toOffset,
                              @Size(max = MAX_LETTERS) List<@Min(0) Long> offsets,
                              String topic) {
    static final int MAX_LETTERS = 1000;

    int partitionOrDefault() {
        return partition == null ? 0 : partition;
    }

    /** The selected offsets of {@code sms.dead}, in order. */
    SortedSet<Long> selectedOffsets() {
        boolean range = fromOffset != null || toOffset != null;
        boolean list = offsets != null && !offsets.isEmpty();
        if (range == list) {
            throw invalid("select the letters either by fromOffset and toOffset or by offsets");
        }
        if (list) {
            return new TreeSet<>(offsets);
        }
        if (fromOffset == null || toOffset == null || toOffset < fromOffset) {
            throw invalid("fromOffset and toOffset are both needed, with fromOffset <= toOffset");
        }
        if (toOffset - fromOffset >= MAX_LETTERS) {
            throw invalid("at most " + MAX_LETTERS + " letters per replay");
        }
        SortedSet<Long> selected = new TreeSet<>();
        for (long offset = fromOffset; offset <= toOffset; offset++) {
            selected.add(offset);
        }
        return selected;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail + " (offsets of " + Topics.DEAD + ")");
    }
}
