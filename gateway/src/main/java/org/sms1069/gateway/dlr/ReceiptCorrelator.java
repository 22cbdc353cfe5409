package org.sms1069.gateway.dlr;

import org.sms1069.gateway.link.Receipt;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.Coalescer;
import org.sms1069.messaging.redis.LuaScript;
import org.sms1069.model.json.SmsJson;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches receipts to submitted parts through Redis, per carrier account, by the carrier's id (and the recipient's
 * phone where SGIP and SMGP give all recipients of a submit one id).
 * <p>Layout, per account ({@code scope}):
 * <ul>
 *   <li>{@code sms:dlr:<scope>:w<window>}: the parts waiting for their receipt, one hash per twelfth of the TTL,
 *       field = the carrier id's canonical form (with {@code /<phone's last 11 digits>} for a shared id), value = the
 *       part in {@link CompactCorrelation} form. A window expires a TTL after it ends.</li>
 *   <li>{@code sms:dlr-got:<scope>:<window>}: parts whose receipt came, moved there by the receipt, kept for
 *       {@code settledTtl} (two windows of that length) so that the carrier's repeat of the receipt still matches;
 *       then gone: nothing of a part outlives its receipt by more than that.</li>
 *   <li>{@code sms:dlr-early:<scope>:<id>[/<phone>]}: a receipt that matched nothing (it may overtake the submit
 *       response that tells us the carrier's id), parked with the TTL, and listed under {@value #UNMATCHED_LIST}
 *       for inspection; registering the part later takes it.</li>
 * </ul>
 * A part is filed under its id's canonical form only; a receipt looks up every print of its id
 * ({@link CarrierIds#prints}). Registrations and receipts made together are one script run each (a few multi-key
 * commands per batch, not per part), and a script is atomic: a receipt racing its registration is delivered once.
 */
public final class ReceiptCorrelator {
    public static final String UNMATCHED_LIST = "sms:dlr:unmatched";
    private static final int UNMATCHED_KEPT = 10_000;
    private static final int WINDOWS = 12;
    private static final int MAX_BATCH = 500;
    private static final Duration LINGER = Duration.ofMillis(1);
    private static final Duration DEFAULT_SETTLED_TTL = Duration.ofMinutes(15);
    /** Before a waiting window's name: the key that says the window has its expiry (outside {@code sms:dlr:*}). */
    private static final String EXPIRY_MARK_PREFIX = "sms:dlr-expiring:";
    /** The field of the newest waiting window that names the settled window whose expiry is set. */
    private static final String SETTLED_EXPIRING = "~s";

    /**
     * KEYS: waiting window, settled window, unmatched list, the waiting window's expiry mark. ARGV: the windows'
     * expiry times, then per part: field, value, the number of orphan keys to look at, the keys. Answers per part ''
     * or the orphan receipt it took. The waiting window's expiry is set by the first run that writes into it, which
     * leaves the mark (a key expiring with it) for the others to read in the MGET they make anyway.
     */
    private static final LuaScript REGISTER = LuaScript.of("""
            local items, i = {}, 3
            while i <= #ARGV do
              local n = tonumber(ARGV[i + 2])
              items[#items + 1] = {field = ARGV[i], value = ARGV[i + 1], first = i + 3, count = n}
              i = i + 3 + n
            end
            local keys = {}
            for _, item in ipairs(items) do
              for k = item.first, item.first + item.count - 1 do keys[#keys + 1] = ARGV[k] end
            end
            keys[#keys + 1] = KEYS[4]
            local found = redis.call('MGET', unpack(keys))
            local marked = #keys
            local expiring = found[marked]
            keys[marked] = nil
            found[marked] = nil
            local out, waiting, settled, taken, pos = {}, {}, {}, {}, 0
            for index, item in ipairs(items) do
              local orphan, orphanKey = nil, nil
              for k = 1, item.count do
                pos = pos + 1
                if not orphan and found[pos] and not taken[keys[pos]] then orphan, orphanKey = found[pos], keys[pos] end
              end
              local target = waiting
              out[index] = ''
              if orphan then
                taken[orphanKey] = true
                redis.call('LREM', KEYS[3], 1, orphan)
                target, out[index] = settled, orphan
              end
              target[#target + 1] = item.field
              target[#target + 1] = item.value
            end
            local gone = {}
            for key in pairs(taken) do gone[#gone + 1] = key end
            if #gone > 0 then redis.call('DEL', unpack(gone)) end
            if #waiting > 0 then
              redis.call('HSET', KEYS[1], unpack(waiting))
              if not expiring then
                redis.call('PEXPIREAT', KEYS[1], ARGV[1])
                redis.call('SET', KEYS[4], '1', 'PXAT', ARGV[1])
              end
            end
            if #settled > 0 then
              redis.call('HSET', KEYS[2], unpack(settled))
              redis.call('PEXPIREAT', KEYS[2], ARGV[2])
            end
            return out""");

    /**
     * KEYS: the windows to look in, newest first (waiting and settled alike; the newest waiting one first), the
     * current settled window, the unmatched list. ARGV: settled expiry, orphan TTL ms, unmatched kept, the newest
     * waiting window's expiry, the current settled window's name, then per receipt: the number of fields, the fields,
     * its unanswered list ('' without a phone), its orphan key, its JSON. Answers three values per receipt: kind ('w'
     * waiting, 's' settled, 'u' unanswered, '' parked), the field found, the value. The settled window's expiry is
     * set by the first run that moves a part into it, which names the window in the newest waiting window's field
     * {@value #SETTLED_EXPIRING}: read with the HMGET each run makes there anyway.
     */
    private static final LuaScript MATCH = LuaScript.of("""
            local receipts, i = {}, 6
            while i <= #ARGV do
              local n = tonumber(ARGV[i])
              receipts[#receipts + 1] = {first = i + 1, count = n, unanswered = ARGV[i + n + 1],
                                         orphan = ARGV[i + n + 2], json = ARGV[i + n + 3]}
              i = i + n + 4
            end
            local settledKey, list = KEYS[#KEYS - 1], KEYS[#KEYS]
            local out, open, moved, settledExpiring = {}, #receipts, {}, false
            for b = 1, #KEYS - 2 do
              if open == 0 then break end
              local fields, owners = {}, {}
              for index, r in ipairs(receipts) do
                if not out[index] then
                  for k = r.first, r.first + r.count - 1 do
                    fields[#fields + 1] = ARGV[k]
                    owners[#owners + 1] = index
                  end
                end
              end
              if #fields == 0 then break end
              if b == 1 then fields[#fields + 1] = '~s' end
              local values = redis.call('HMGET', KEYS[b], unpack(fields))
              if b == 1 then
                local mark = #fields
                settledExpiring = values[mark] == ARGV[5]
                fields[mark] = nil
                values[mark] = nil
              end
              local gone = {}
              local settledWindow = string.find(KEYS[b], 'sms:dlr-got:', 1, true) == 1
              for f = 1, #fields do
                local index = owners[f]
                if values[f] and not out[index] then
                  out[index] = {settledWindow and 's' or 'w', fields[f], values[f]}
                  open = open - 1
                  if not settledWindow then
                    gone[#gone + 1] = fields[f]
                    moved[#moved + 1] = fields[f]
                    moved[#moved + 1] = values[f]
                  end
                end
              end
              if #gone > 0 then redis.call('HDEL', KEYS[b], unpack(gone)) end
            end
            local parked = false
            for index, r in ipairs(receipts) do
              if not out[index] then
                local late = false
                if r.unanswered ~= '' then late = redis.call('LPOP', r.unanswered) end
                if late then
                  out[index] = {'u', '', late}
                else
                  redis.call('SET', r.orphan, r.json, 'PX', ARGV[2])
                  redis.call('LPUSH', list, r.json)
                  parked = true
                  out[index] = {'', '', ''}
                end
              end
            end
            if parked then redis.call('LTRIM', list, 0, tonumber(ARGV[3]) - 1) end
            if #moved > 0 then
              redis.call('HSET', settledKey, unpack(moved))
              if not settledExpiring then
                redis.call('PEXPIREAT', settledKey, ARGV[1])
                redis.call('HSET', KEYS[1], '~s', ARGV[5])
                redis.call('PEXPIREAT', KEYS[1], ARGV[4])
              end
            end
            local flat = {}
            for index = 1, #receipts do
              for k = 1, 3 do flat[#flat + 1] = out[index][k] end
            end
            return flat""");

    /** KEYS: waiting windows. The parts in them (every field but the settled window's mark). */
    private static final LuaScript COUNT_WAITING = LuaScript.of("""
            local n = 0
            for _, key in ipairs(KEYS) do n = n + redis.call('HLEN', key) - redis.call('HEXISTS', key, '~s') end
            return n""");

    private static final LuaScript SETTLE = LuaScript.of("""
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 1""");

    private final RedisAsyncCommands<String, String> redis;
    private final Duration ttl;
    private final Duration settledTtl;
    private final MeterRegistry meters;
    private final Clock clock;
    private final UnansweredSubmits unanswered;
    private final Map<String, Coalescer<Registration, String>> registrations = new ConcurrentHashMap<>();
    private final Map<String, Coalescer<Receipt, List<String>>> matches = new ConcurrentHashMap<>();

    public ReceiptCorrelator(RedisAsyncCommands<String, String> redis, Duration ttl, MeterRegistry meters) {
        this(redis, ttl, DEFAULT_SETTLED_TTL.compareTo(ttl) < 0 ? DEFAULT_SETTLED_TTL : ttl, meters, Clock.systemUTC());
    }

    /**
     * @param ttl        how long a part waits for its receipt
     * @param settledTtl how long, at least, a part is kept after its receipt, for the carrier's repeats of it
     */
    public ReceiptCorrelator(RedisAsyncCommands<String, String> redis, Duration ttl, Duration settledTtl,
                             MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.ttl = ttl;
        this.settledTtl = settledTtl;
        this.meters = meters;
        this.clock = clock;
        this.unanswered = new UnansweredSubmits(redis, ttl);
    }

    /** Remembers a part whose submit got no answer, so that its receipt, which matches no id, finds it by the phone. */
    public CompletionStage<Void> registerUnanswered(String scope, Correlation correlation) {
        return unanswered.add(scope, CompactCorrelation.encode(correlation, null), correlation.phone());
    }

    /**
     * Remembers the part; completes with a receipt that arrived before it, if one did. {@code sharedId}: the
     * carrier gave one id to all recipients of the submit, so only the id together with the phone finds the part.
     */
    public CompletionStage<Optional<Receipt>> register(String scope, Correlation correlation, boolean sharedId) {
        String id = CarrierIds.canonical(correlation.carrierMessageId());
        String phone = CarrierIds.phoneDigits(correlation.phone());
        Registration registration = new Registration(sharedId ? id + "/" + phone : id,
                CompactCorrelation.encode(correlation, id), orphanKeys(scope, correlation.carrierMessageId(), phone, sharedId));
        return registrations.computeIfAbsent(scope, s -> new Coalescer<>(batch -> registerAll(s, batch), MAX_BATCH, LINGER))
                .submit(registration)
                .thenApply(orphan -> {
                    if (orphan.isEmpty()) {
                        return Optional.<Receipt>empty();
                    }
                    meters.counter("sms_receipts_early_total").increment();
                    return Optional.of(SmsJson.read(orphan.getBytes(StandardCharsets.UTF_8), Receipt.class));
                });
    }

    /**
     * The part a receipt is about; empty when none is known yet (the receipt is then parked until its part is
     * registered, which hands it over).
     */
    public CompletionStage<Optional<Correlation>> match(Receipt receipt) {
        return matches.computeIfAbsent(receipt.scope(), s -> new Coalescer<>(batch -> matchAll(s, batch), MAX_BATCH, LINGER))
                .submit(receipt)
                .thenCompose(found -> {
                    String kind = found.get(0);
                    if (kind.isEmpty()) {
                        meters.counter("sms_receipts_unmatched_total", "link", receipt.linkId()).increment();
                        return CompletableFuture.completedFuture(Optional.<Correlation>empty());
                    }
                    String field = found.get(1);
                    String filedUnder = field.contains("/") ? field.substring(0, field.indexOf('/')) : field;
                    Correlation part = CompactCorrelation.decode(found.get(2), filedUnder);
                    return kind.equals("u") ? rememberUnanswered(receipt, part) : CompletableFuture.completedFuture(Optional.of(part));
                });
    }

    /** Parts waiting for their receipt (in every window), for inspection and tests. */
    public CompletionStage<Long> waiting(String scope) {
        return COUNT_WAITING.run(redis, ScriptOutputType.INTEGER, waitingWindows(scope, clock.millis()).toArray(String[]::new));
    }

    /**
     * A receipt found its unanswered part: the part is now known by the receipt's id (and phone: on SGIP and SMGP one
     * id stands for every recipient of a submit), for the carrier's repeats, as a settled part.
     */
    private CompletionStage<Optional<Correlation>> rememberUnanswered(Receipt receipt, Correlation found) {
        Correlation late = found.withCarrierMessageId(receipt.carrierMessageId());
        meters.counter("sms_receipts_unanswered_matched_total", "link", late.linkId()).increment();
        String id = CarrierIds.canonical(late.carrierMessageId());
        long now = clock.millis();
        return SETTLE.run(redis, ScriptOutputType.INTEGER, new String[]{settledWindow(receipt.scope(), now)},
                        settledExpiry(now), id + "/" + CarrierIds.phoneDigits(late.phone()),
                        CompactCorrelation.encode(late, id))
                .thenApply(ok -> Optional.of(late));
    }

    private CompletionStage<List<String>> registerAll(String scope, List<Registration> batch) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(waitingExpiry(now), settledExpiry(now)));
        for (Registration registration : batch) {
            args.add(registration.field());
            args.add(registration.value());
            args.add(Integer.toString(registration.orphanKeys().size()));
            args.addAll(registration.orphanKeys());
        }
        String waiting = waitingWindows(scope, now).get(0);
        String[] keys = {waiting, settledWindow(scope, now), UNMATCHED_LIST, EXPIRY_MARK_PREFIX + waiting};
        return REGISTER.<List<Object>>run(redis, ScriptOutputType.MULTI, keys, args.toArray(String[]::new))
                .thenApply(out -> out.stream().map(String::valueOf).toList());
    }

    private CompletionStage<List<List<String>>> matchAll(String scope, List<Receipt> batch) {
        long now = clock.millis();
        List<String> args = new ArrayList<>(List.of(settledExpiry(now), Long.toString(ttl.toMillis()),
                Integer.toString(UNMATCHED_KEPT), waitingExpiry(now), settledWindow(scope, now)));
        for (Receipt receipt : batch) {
            List<String> fields = lookupFields(receipt);
            String phone = CarrierIds.phoneDigits(receipt.phone());
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
            args.add(phone.isEmpty() ? "" : UnansweredSubmits.key(scope, phone));
            String id = CarrierIds.canonical(receipt.carrierMessageId());
            args.add(orphanKey(scope, phone.isEmpty() ? id : id + "/" + phone));
            args.add(new String(SmsJson.write(receipt), StandardCharsets.UTF_8));
        }
        List<String> waiting = waitingWindows(scope, now);
        List<String> keys = new ArrayList<>();
        keys.add(waiting.get(0));
        keys.add(settledWindow(scope, now));
        keys.add(settledWindow(scope, now - settledTtl.toMillis()));
        keys.addAll(waiting.subList(1, waiting.size()));
        keys.add(settledWindow(scope, now));
        keys.add(UNMATCHED_LIST);
        return MATCH.<List<Object>>run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new))
                .thenApply(flat -> {
                    List<List<String>> answers = new ArrayList<>();
                    for (int i = 0; i + 2 < flat.size(); i += 3) {
                        answers.add(List.of(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)),
                                String.valueOf(flat.get(i + 2))));
                    }
                    return answers;
                });
    }

    /** Where a receipt looks: every print of its id with its phone first, then alone. */
    private static List<String> lookupFields(Receipt receipt) {
        List<String> fields = new ArrayList<>();
        String phone = CarrierIds.phoneDigits(receipt.phone());
        if (!phone.isEmpty()) {
            CarrierIds.prints(receipt.carrierMessageId()).forEach(print -> fields.add(print + "/" + phone));
        }
        fields.addAll(CarrierIds.prints(receipt.carrierMessageId()));
        return fields;
    }

    /** Where a receipt that came first may be parked: under each print, with the phone (and alone, unless shared). */
    private static List<String> orphanKeys(String scope, String carrierId, String phone, boolean sharedId) {
        List<String> keys = new ArrayList<>();
        for (String print : CarrierIds.prints(carrierId)) {
            if (!phone.isEmpty()) {
                keys.add(orphanKey(scope, print + "/" + phone));
            }
            if (!sharedId) {
                keys.add(orphanKey(scope, print));
            }
        }
        return keys;
    }

    /** The waiting windows a part registered within the TTL may be in, newest first. */
    private List<String> waitingWindows(String scope, long now) {
        long width = waitingWidth();
        List<String> windows = new ArrayList<>();
        for (int i = 0; i <= WINDOWS; i++) {
            windows.add("sms:dlr:" + scope + ":w" + (now / width - i));
        }
        return windows;
    }

    private String waitingExpiry(long now) {
        long width = waitingWidth();
        return Long.toString((now / width + 1) * width + ttl.toMillis());
    }

    private long waitingWidth() {
        return Math.max(1, ttl.toMillis() / WINDOWS);
    }

    private String settledWindow(String scope, long at) {
        return "sms:dlr-got:" + scope + ":" + at / settledTtl.toMillis();
    }

    private String settledExpiry(long now) {
        return Long.toString((now / settledTtl.toMillis() + 2) * settledTtl.toMillis());
    }

    private static String orphanKey(String scope, String field) {
        return "sms:dlr-early:" + scope + ":" + field;
    }

    /** One part's registration: its field, its compact value, the keys an early receipt of it may be parked under. */
    private record Registration(String field, String value, List<String> orphanKeys) {
    }
}
