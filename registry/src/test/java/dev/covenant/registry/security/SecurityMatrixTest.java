package dev.covenant.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.SecuredRegistryTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every role against every endpoint family in secured mode: what each may do succeeds, the rest is refused (401
 * without credentials, 403 with), in the Pact Broker's error shape on its paths and problem+json elsewhere.
 */
class SecurityMatrixTest extends SecuredRegistryTest {

    /** Who is calling. "own" publishes for the team that owns the application under test, "other" for another. */
    enum Who {
        ANONYMOUS, READ, PUBLISH_OWN, PUBLISH_OTHER, ADMIN
    }

    /** What an invocation works on: a fresh application owned by team "payments", and an environment. */
    record Fixture(String application, String version, String environment, String sha) {
    }

    /** One endpoint family: how to call it, and who may. */
    enum Family {
        READ_RESOURCES(Who.READ, Who.PUBLISH_OWN, Who.PUBLISH_OTHER, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return get(client, "/pacticipants/" + f.application());
            }
        },
        FOR_VERIFICATION(Who.READ, Who.PUBLISH_OWN, Who.PUBLISH_OTHER, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/pacts/provider/{p}/for-verification", f.application()),
                        "{\"consumerVersionSelectors\":[{\"mainBranch\":true}]}");
            }
        },
        CAN_I_DEPLOY(Who.READ, Who.PUBLISH_OWN, Who.PUBLISH_OTHER, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return get(client, "/can-i-deploy?pacticipant=" + f.application() + "&version=1&environment=matrix-production");
            }
        },
        PUBLISH_DOCUMENT(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return client.put().uri("/applications/{a}/versions/{v}/openapi?branch=main", f.application(), f.version())
                        .contentType(MediaType.parseMediaType("application/yaml"))
                        .bodyValue(SecurityFixtures.DOCUMENT)
                        .exchange().expectBody().returnResult();
            }
        },
        PUBLISH_PROVIDER_CONTRACT(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/provider-contracts/provider/{p}/publish", f.application()),
                        SecurityFixtures.providerContract(f.version()));
            }
        },
        PUT_PROVIDER_CONTRACT(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.put().uri("/contracts/provider/{p}/version/{v}", f.application(), f.version()),
                        SecurityFixtures.olderProviderContract());
            }
        },
        PUBLISH_PACT(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.put().uri("/pacts/provider/{p}/consumer/{c}/version/{v}", "matrix-provider",
                        f.application(), f.version()), SecurityFixtures.pact(f.application(), "matrix-provider"));
            }
        },
        PUBLISH_CONTRACTS(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/contracts/publish"),
                        SecurityFixtures.contractsPublish(f.application(), "matrix-provider", f.version()));
            }
        },
        VERIFICATION_RESULTS(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/pacts/provider/{p}/consumer/{c}/pact-version/{sha}/verification-results",
                        f.application(), "matrix-consumer", f.sha()),
                        "{\"success\":true,\"providerApplicationVersion\":\"" + f.version() + "\"}");
            }
        },
        VERSIONS_AND_TAGS(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.put().uri("/pacticipants/{a}/versions/{v}/tags/prod", f.application(), f.version()), "");
            }
        },
        APPLICATION_SETTINGS(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.patch().uri("/pacticipants/{a}", f.application()),
                        "{\"repositoryUrl\":\"https://git.example/" + f.application() + "\"}");
            }
        },
        RECORD_DEPLOYMENT(Who.PUBLISH_OWN, Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/pacticipants/{a}/versions/1/deployed-versions/environment/{e}",
                        f.application(), f.environment()), "{}");
            }
        },
        ENVIRONMENTS(Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.post().uri("/environments"), "{\"name\":\"env-" + f.application() + "\",\"production\":false}");
            }
        },
        DELETES(Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return client.delete().uri("/pacticipants/{a}/branches/main", f.application())
                        .exchange().expectBody().returnResult();
            }
        },
        TEAMS(Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return send(client.put().uri("/teams/{t}", "team-" + f.application()), "{\"displayName\":\"A team\"}");
            }
        },
        TOKENS(Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return get(client, "/admin/tokens");
            }
        },
        AUDIT_LOG(Who.ADMIN) {
            @Override
            EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f) {
                return get(client, "/admin/audit?limit=5");
            }
        };

        private final List<Who> allowed;

        Family(Who... allowed) {
            this.allowed = List.of(allowed);
        }

        abstract EntityExchangeResult<byte[]> call(WebTestClient client, Fixture f);

        boolean succeeded(int status) {
            return status >= 200 && status < 300;
        }

        static EntityExchangeResult<byte[]> get(WebTestClient client, String uri) {
            return client.get().uri(uri).exchange().expectBody().returnResult();
        }

        static EntityExchangeResult<byte[]> send(WebTestClient.RequestBodySpec request, String json) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectBody().returnResult();
        }
    }

    private static Map<Who, String> tokens;
    private static String environment;

    @BeforeEach
    void tokensAndEnvironment() {
        if (tokens == null) {
            tokens = Map.of(
                    Who.READ, createToken("matrix-reader", "read", null),
                    Who.PUBLISH_OWN, createToken("matrix-payments-ci", "publish", "payments"),
                    Who.PUBLISH_OTHER, createToken("matrix-orders-ci", "publish", "orders"),
                    Who.ADMIN, ADMIN_TOKEN);
            environment = (String) admin().post().uri("/environments").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\":\"matrix-production\",\"production\":true}")
                    .exchange().expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("uuid");
        }
    }

    static Stream<Arguments> everyRoleAndFamily() {
        List<Arguments> cases = new ArrayList<>();
        for (Family family : Family.values()) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(family, who));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyRoleAndFamily")
    void eachRoleMayDoWhatItIsForAndNothingElse(Family family, Who who) {
        Fixture fixture = fixture();
        WebTestClient client = who == Who.ANONYMOUS ? http : as(tokens.get(who));

        EntityExchangeResult<byte[]> result = family.call(client, fixture);

        int status = result.getStatus().value();
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody());
        if (family.allowed.contains(who)) {
            assertThat(family.succeeded(status)).as("%s as %s: %s %s", family, who, status, body).isTrue();
        } else if (who == Who.ANONYMOUS) {
            assertThat(status).as(body).isEqualTo(401);
            assertThat(result.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                    .contains("Basic realm=\"Covenant\"");
            assertRefusalShape(result, body);
        } else {
            assertThat(status).as("%s as %s: %s", family, who, body).isEqualTo(403);
            assertRefusalShape(result, body);
        }
    }

    private static void assertRefusalShape(EntityExchangeResult<byte[]> result, String body) {
        String path = result.getUrl().getPath();
        boolean broker = dev.covenant.registry.system.PactBrokerPaths.matches(path);
        assertThat(result.getResponseHeaders().getContentType().toString())
                .startsWith(broker ? "application/hal+json" : "application/problem+json");
        assertThat(body).contains("\"status\":" + result.getStatus().value()).contains("\"requestId\"");
        if (broker) {
            assertThat(body).contains("\"errors\"");
        }
        assertThat(body).doesNotContain("Exception").doesNotContain("at dev.covenant");
    }

    /** A fresh application of team "payments", on branch main at version 1, with a pact it verifies as provider. */
    private Fixture fixture() {
        String application = unique("matrix-app");
        assignTeam(application, "payments");
        admin().put().uri("/pacticipants/{a}/branches/main/versions/1", application)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().is2xxSuccessful();
        Map<?, ?> pact = admin().put().uri("/pacts/provider/{p}/consumer/{c}/version/1", application, "matrix-consumer")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.pact("matrix-consumer", application))
                .exchange().expectStatus().is2xxSuccessful()
                .expectBody(Map.class).returnResult().getResponseBody();
        String sha = (String) ((Map<?, ?>) ((Map<?, ?>) pact.get("_links")).get("pb:pact-version")).get("name");
        return new Fixture(application, "2.0." + System.nanoTime() % 1000, environment, sha);
    }
}
