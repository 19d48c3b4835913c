package dev.iamkit.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.IamDatabase;
import dev.iamkit.error.AlreadyExistsException;
import dev.iamkit.error.IamException;
import dev.iamkit.error.NotFoundException;
import dev.iamkit.error.StaleVersionException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.memory.InMemoryIam;
import dev.iamkit.support.Json;
import dev.iamkit.testkit.ApiSurface;
import dev.iamkit.testkit.ApiSurface.Kind;
import dev.iamkit.testkit.ApiSurface.Leaf;
import dev.iamkit.testkit.InputCorpus;
import dev.iamkit.testkit.InputWorld;
import dev.iamkit.testkit.MutableClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every string input of the public API ({@link ApiSurface}: each string parameter, and each string
 * component of a record parameter, found by reflection) is fed every input of {@link InputCorpus}
 * — and every settings map its strings and numbers — on the in-memory and the PostgreSQL store
 * side by side, in the same order. After each call both must have returned the same result or
 * thrown the same exception (class, and the field or entity it names), no call may throw anything
 * outside the {@code IamException} family, and after the inputs of each parameter, what the
 * stores then hold must read back the same.
 */
class InputDifferentialTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture("inputs");
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SECRETS = Pattern.compile("(ikk|iks|iml)_[A-Za-z0-9_-]+");
    private static final Pattern LOOKUP_IDS = Pattern.compile("(lookupId[\\\\\"]*:[\\\\\"]*)[A-Za-z0-9_-]{12}");
    private static final Pattern LINKS = Pattern.compile("[0-9a-f]{64}");

    /** One store, its world, and the names its ids are compared by. */
    static final class Side {
        final IamDatabase db;
        final InputWorld world;
        final Map<String, String> names;

        Side(IamDatabase db) {
            this.db = db;
            this.world = InputWorld.seed(db);
            this.names = new LinkedHashMap<>(world.names());
        }

        /** The outcome of one call, as comparable text: {@code ok <result>}, {@code throws <class> <field>}, or {@code RAW ...}. */
        String run(Leaf leaf, Object input) {
            try {
                return "ok " + normalize(Json.write(world.call(leaf, input)));
            } catch (IamException e) {
                String detail = switch (e) {
                    case NotFoundException n -> n.entity() + " " + n.id();
                    case AlreadyExistsException a -> a.entity() + " " + a.field();
                    case ValidationException v -> v.field();
                    case StaleVersionException s -> s.entity() + " " + s.id();
                    default -> "";
                };
                return "throws " + e.getClass().getSimpleName() + " " + normalize(detail);
            } catch (RuntimeException e) {
                return "RAW " + e.getClass().getName() + ": " + e.getMessage();
            }
        }

        /** {@link InputWorld#holdings} as comparable text. */
        String holdings(boolean withAudit) {
            try {
                return normalize(Json.write(world.holdings(withAudit)));
            } catch (RuntimeException e) {
                return "holdings unreadable: " + e.getClass().getName() + ": " + e.getMessage();
            }
        }

        /** Ids become the names of what they identify (ids the world did not make are numbered by first appearance); secrets and links are masked. */
        String normalize(String text) {
            Matcher m = UUIDS.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(b, names.computeIfAbsent(m.group(), k -> "new#" + names.size()));
            }
            m.appendTail(b);
            String out = SECRETS.matcher(b).replaceAll("$1_<secret>");
            out = LOOKUP_IDS.matcher(out).replaceAll("$1<lookup>");
            return LINKS.matcher(out).replaceAll("<link>");
        }
    }

    /** A named input for a leaf: a string shaped for it, or a settings map. */
    record Input(String label, Object value) {
    }

    static List<Input> inputsFor(Leaf leaf) {
        List<Input> out = new ArrayList<>();
        for (Map.Entry<String, String> s : InputCorpus.strings().entrySet()) {
            if (leaf.kind() == Kind.SETTINGS) {
                InputCorpus.settingsOf(s.getKey(), s.getValue()).forEach((label, map) -> out.add(new Input(label, map)));
            } else if (s.getValue() != null || leaf.kind() == Kind.STRING) {
                out.add(new Input(s.getKey(), InputWorld.shape(leaf, s.getValue())));
            }
        }
        if (leaf.kind() == Kind.SETTINGS) {
            InputCorpus.numbers().forEach((label, n) -> InputCorpus.settingsOf(label, n).forEach((l, map) -> out.add(new Input(l, map))));
        }
        return out;
    }

    @Test
    void bothStoresGiveTheSameAnswerToEveryOddInputOfEveryStringAndSettingsParameter() {
        MutableClock clock = new MutableClock();
        Side memory = new Side(InMemoryIam.create(clock));
        Side postgres = new Side(FIXTURE.open(clock));
        List<Leaf> leaves = ApiSurface.leaves();
        List<String> disagreements = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        int calls = 0;
        int accepted = 0;
        int refused = 0;
        for (Leaf leaf : leaves) {
            for (Input input : inputsFor(leaf)) {
                calls++;
                String expected = memory.run(leaf, input.value());
                String actual = postgres.run(leaf, input.value());
                String where = leaf.key() + " <- " + input.label();
                if (expected.startsWith("RAW") || actual.startsWith("RAW")) {
                    raw.add(where + ": memory " + cut(expected) + " | postgres " + cut(actual));
                }
                if (!expected.equals(actual)) {
                    disagreements.add(where + ": memory " + cut(expected) + " | postgres " + cut(actual));
                } else if (expected.startsWith("ok")) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            // what the accepted inputs left behind must read back alike (once per input of the API, to keep the run short)
            String heldInMemory = memory.holdings(false);
            String heldInPostgres = postgres.holdings(false);
            if (!heldInMemory.equals(heldInPostgres)) {
                disagreements.add(leaf.key() + " (then held): " + firstDifference(heldInMemory, heldInPostgres));
            }
        }
        String finalMemory = memory.holdings(true);
        String finalPostgres = postgres.holdings(true);
        if (!finalMemory.equals(finalPostgres)) {
            disagreements.add("at the end, with the audit trail: " + firstDifference(finalMemory, finalPostgres));
        }
        long settings = leaves.stream().filter(l -> l.kind() == Kind.SETTINGS).count();
        System.out.printf("input differential: %d string inputs of the API (%d of them settings maps), %d calls on each store: "
                        + "%d accepted by both, %d refused by both alike, %d disagreements, %d raw exceptions%n",
                leaves.size(), settings, calls, accepted, refused, disagreements.size(), raw.size());
        memory.db.close();
        postgres.db.close();
        assertThat(raw).as("calls that threw outside the IamException family").isEmpty();
        assertThat(disagreements).as("calls the stores answered differently").isEmpty();
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 120);
        return "memory ..." + a.substring(from, Math.min(a.length(), i + 120)) + " | postgres ..." + b.substring(from, Math.min(b.length(), i + 120));
    }
}
