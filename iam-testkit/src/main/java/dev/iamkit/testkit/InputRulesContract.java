package dev.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.iamkit.error.InvalidCredentialsException;
import dev.iamkit.error.ValidationException;
import dev.iamkit.testkit.ApiSurface.Kind;
import dev.iamkit.testkit.ApiSurface.Leaf;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule every string the API takes is held to (docs/semantics.md, "Input rules"): a NUL
 * character or an unpaired surrogate — anywhere in a string parameter, in a string component of a
 * record parameter, in a collection of strings, or in a settings key or value — is refused with a
 * {@link ValidationException} naming the field, and nothing is written. Finders included: such a
 * key is not "not found", it is not a key. The inputs are found by reflection ({@link ApiSurface}),
 * so a string parameter added later is held to the rule without being listed here.
 *
 * <p>Secrets presented for authentication are the exception: an API key, refresh token or
 * magic-link token holding such characters is simply not a valid credential, so it gets what every
 * other invalid one gets, an {@link InvalidCredentialsException} (a magic-link token is checked in
 * the usual order and counts as a failed attempt, like any wrong token).
 */
public abstract class InputRulesContract extends ContractBase {
    /** The methods whose string is a secret presented for authentication. */
    static final Set<String> SECRETS = Set.of("ApiKeyAuthenticator.authenticate", "SessionStore.refresh", "MagicLinkStore.consume");

    @Test
    void theStringInputsOfTheApiAreFoundByReflection() {
        List<String> keys = ApiSurface.leaves().stream().map(Leaf::key).toList();

        assertThat(keys).hasSizeGreaterThan(90).doesNotHaveDuplicates().contains(
                "TeamStore.findByName(String)#0",
                "UserStore.findByEmail(String)#0",
                "ViewStore.findByPath(String)#0",
                "OrganizationStore.create(NewOrganization)#0.settings",
                "OrganizationStore.update(Organization)#0.settings",
                "RateLimiter.hit(String,int,Duration)#0",
                "UsageCounters.range(String,LocalDate,LocalDate)#0",
                "AuditLog.query(AuditQuery,PageRequest)#0.actor",
                "UserStore.list(PageRequest)#0.after",
                "ApiKeyAuthenticator.authenticate(String)#0",
                "MagicLinkStore.consume(MagicLinkId,String)#1",
                "IamDatabase.tenant(OrgId,Actor)#1.subject",
                "GrantStore.replace(RoleId,Collection)#1.[].action",
                "Authz.check(UserId,FeatureId,String)#2",
                "ApiKeyStore.create(NewApiKey)#0.scopes");
        assertThat(ApiSurface.leaves()).filteredOn(l -> SECRETS.contains(l.methodName())).hasSize(SECRETS.size());
    }

    @TestFactory
    Stream<DynamicTest> nulAndUnpairedSurrogatesAreRefusedInEveryStringTheApiTakesAndNothingIsWritten() {
        InputWorld world = InputWorld.seed(db);
        return ApiSurface.leaves().stream().map(leaf -> DynamicTest.dynamicTest(leaf.key(), () -> {
            List<Object> before = world.holdings(true);
            for (Map.Entry<String, String> bad : InputCorpus.MALFORMED.entrySet()) {
                for (Attempt attempt : attempts(leaf, bad.getKey(), bad.getValue())) {
                    Throwable thrown = catchThrowable(() -> world.call(leaf, attempt.input()));
                    String as = leaf.key() + " <- " + bad.getKey();
                    if (SECRETS.contains(leaf.methodName())) {
                        assertThat(thrown).as(as).isInstanceOf(InvalidCredentialsException.class);
                    } else {
                        assertThat(thrown).as(as).isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.field()).as(as).isEqualTo(attempt.field()));
                    }
                }
            }
            if (!leaf.methodName().equals("MagicLinkStore.consume")) {
                assertThat(world.holdings(true)).as(leaf.key()).isEqualTo(before);
            }
        }));
    }

    /** One input for a leaf and the field its refusal must name. */
    private record Attempt(Object input, String field) {
    }

    /** The inputs one malformed string makes for a leaf. */
    private static List<Attempt> attempts(Leaf leaf, String label, String bad) {
        if (leaf.kind() != Kind.SETTINGS) {
            return List.of(new Attempt(InputWorld.shape(leaf, bad), leaf.field()));
        }
        // a bad value is named by its path, a bad key by the object that holds it
        return InputCorpus.settingsOf(label, bad).values().stream()
                .map(map -> new Attempt(map, map.containsKey("k") ? leaf.field() + ".k" : leaf.field()))
                .toList();
    }
}
