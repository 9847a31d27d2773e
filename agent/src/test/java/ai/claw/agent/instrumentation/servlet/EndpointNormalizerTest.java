package ai.claw.agent.instrumentation.servlet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointNormalizerTest {

    private final EndpointNormalizer normalizer = new EndpointNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/                                                   | /",
            "/api/health                                         | /api/health",
            "/users/123                                          | /users/{id}",
            "/users/456/orders/7                                 | /users/{id}/orders/{id}",
            "/orders/550e8400-e29b-41d4-a716-446655440000        | /orders/{id}",
            "/blobs/9f86d081884c7d659a2feaa0c55ad015             | /blobs/{id}",
            "/reset/tok3nABCDEFGHIJKLmnop12                      | /reset/{id}",
            "/users/jane.doe@example.com/profile                 | /users/{id}/profile",
            "/cart;jsessionid=ABC123DEF456GHI789                 | /cart",
            "/docs/getting-started                               | /docs/getting-started",
            "/v1/chat/completions                                | /v1/chat/completions",
            "/static/app.3f2a.js                                 | /static/app.3f2a.js",
            "/items/                                             | /items/",
            "/a//b                                               | /a//b",
    })
    void normalisesPaths(String path, String expected) {
        assertEquals(expected, normalizer.endpoint(null, path, 200));
    }

    @ParameterizedTest(name = "{0} ({2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "/api/conversations/{id}   | /api/conversations/42   | 200 | /api/conversations/{id}",
            "/api/conversations/{id}   | /api/conversations/42   | 404 | /api/conversations/{id}",
            "/**                       | /nope                   | 404 | NOT_FOUND",
            "/static/**                | /static/x/1             | 200 | /static/x/{id}",
            "''                        | /nope                   | 404 | NOT_FOUND",
            "''                        | /users/9                | 500 | /users/{id}",
    })
    void routeTemplateWinsUnlessItIsACatchAll(String route, String path, int status, String expected) {
        assertEquals(expected, normalizer.endpoint(route.isEmpty() ? null : route, path, status));
    }

    @org.junit.jupiter.api.Test
    void longPathsAreCut() {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            path.append("/segment");
        }
        assertEquals(200, normalizer.endpoint(null, path.toString(), 200).length());
    }
}
