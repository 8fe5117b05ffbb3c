package dev.enterpriseconnect.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Follows links the way a person's browser does, over plain HTTP: cookies kept, redirects
 * followed one by one (so a test can see where each hop went), forms posted.
 */
final class HttpBrowser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Cookies by path and name. Keycloak marks its login cookies Secure even over plain HTTP on
     * localhost, where browsers still send them but Java's CookieManager does not, hence this jar.
     */
    private final Map<String, Map<String, String>> cookies = new java.util.HashMap<>();

    /** A page reached after following every redirect, with the URL it was served from. */
    record Page(URI url, int status, String body) {

        /** The first {@code attribute="..."} value matching {@code pattern}, HTML entities undone. */
        String find(String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("No match for " + regex + " in page " + url + ":\n" + body);
            }
            return matcher.group(1).replace("&amp;", "&");
        }
    }

    /** GETs {@code url} and follows redirects, stopping before any URL that starts with {@code stopAt}. */
    Page open(String url) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()), null);
    }

    /** The first response of a GET, redirects not followed. */
    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Page post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return follow(send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))), null);
    }

    /**
     * Follows redirects until a page is served, or until a redirect leaves for {@code outside}
     * (e.g. an application's redirect URI nobody listens on), which is then returned as a 302 page.
     */
    Page followUntil(String url, String outside) {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()), outside);
    }

    private Page follow(HttpResponse<String> response, String outside) {
        for (int hops = 0; hops < 20; hops++) {
            if (response.statusCode() / 100 != 3) {
                return new Page(response.uri(), response.statusCode(), response.body());
            }
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (outside != null && next.toString().startsWith(outside)) {
                return new Page(next, response.statusCode(), "");
            }
            response = send(HttpRequest.newBuilder(next).GET());
        }
        throw new AssertionError("Too many redirects from " + response.uri());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            String path = built.uri().getPath();
            String header = cookies.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .flatMap(e -> e.getValue().entrySet().stream()).map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            if (!header.isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", header).build();
            }
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                for (java.net.HttpCookie cookie : java.net.HttpCookie.parse(set)) {
                    String cookiePath = cookie.getPath() == null ? "/" : cookie.getPath();
                    if (cookie.getMaxAge() == 0) {
                        cookies.getOrDefault(cookiePath, new java.util.HashMap<>()).remove(cookie.getName());
                    } else {
                        cookies.computeIfAbsent(cookiePath, p -> new java.util.HashMap<>())
                                .put(cookie.getName(), cookie.getValue());
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
