package org.sms1069.gateway.slots;

import org.junit.jupiter.api.Test;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The slot leases on real Redis: fair shares, hand-over, and a silent instance's slots lapsing. */
class LinkSlotsTest {
    private static final int SLOTS = 3;

    private final String link = TestInfra.unique("slots");
    private final LinkSlots slots = new LinkSlots(TestRedis.async(), Duration.ofSeconds(10));

    @Test
    void theFirstInstanceTakesEverySlotAndASecondGetsNoneUntilTheFirstGivesItsSurplusBack() throws Exception {
        LinkSlots.Holding a = balance("a", true);
        assertThat(a.held()).containsExactly(0, 1, 2);
        assertThat(a.share()).isEqualTo(3);

        LinkSlots.Holding b = balance("b", true);
        assertThat(b.held()).as("every slot is leased to a").isEmpty();
        assertThat(b.share()).isEqualTo(2);
        assertThat(b.instances()).isEqualTo(2);

        a = balance("a", true);
        assertThat(a.held()).as("a keeps its slots until it has closed the surplus").hasSize(3);
        assertThat(a.share()).isEqualTo(2);
        slots.release(link, "a", Set.of(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(balance("b", true).held()).containsExactly(2);
        assertThat(balance("a", true).held()).containsExactly(0, 1);
    }

    @Test
    void slotsNeverExceedTheLinksConnectionsWhateverTheInstances() throws Exception {
        Set<Integer> taken = new HashSet<>();
        int held = 0;
        for (String owner : new String[]{"a", "b", "c", "d", "e"}) {
            Set<Integer> mine = balance(owner, true).held();
            held += mine.size();
            taken.addAll(mine);
        }
        assertThat(held).isEqualTo(SLOTS);
        assertThat(taken).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aReleaseOfSlotsHeldByAnotherOwnerChangesNothing() throws Exception {
        balance("a", true);
        slots.release(link, "b", Set.of(0, 1, 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(balance("b", true).held()).isEmpty();
        assertThat(balance("a", true).held()).containsExactly(0, 1, 2);
    }

    @Test
    void renewingWithoutTakingKeepsOnlyWhatIsHeld() throws Exception {
        balance("a", true);
        slots.release(link, "a", Set.of(1, 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(balance("a", false).held()).containsExactly(0);
        assertThat(balance("a", true).held()).containsExactly(0, 1, 2);
    }

    @Test
    void aSilentInstancesSlotsAndPlaceInTheShareLapseAfterTheLease() throws Exception {
        LinkSlots shortLived = new LinkSlots(TestRedis.async(), Duration.ofMillis(300));
        shortLived.balance(link, "dead", SLOTS, true).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(balance("alive", true).held()).isEmpty();

        Thread.sleep(400);

        LinkSlots.Holding alive = balance("alive", true);
        assertThat(alive.instances()).isEqualTo(1);
        assertThat(alive.held()).containsExactly(0, 1, 2);
    }

    @Test
    void leavingGivesEverySlotBackAndLeavesTheShare() throws Exception {
        balance("a", true);
        balance("b", true);
        slots.leave(link, "a", SLOTS).toCompletableFuture().get(5, TimeUnit.SECONDS);

        LinkSlots.Holding b = balance("b", true);
        assertThat(b.instances()).isEqualTo(1);
        assertThat(b.held()).containsExactly(0, 1, 2);
    }

    private LinkSlots.Holding balance(String owner, boolean take) throws Exception {
        return slots.balance(link, owner, SLOTS, take).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
