package org.sms1069.messaging.web;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Which requests an authorization filter guards, decided on the path Spring routes on: the request's
 * {@link RequestPath#pathWithinApplication() path within the application}, segment by segment, each
 * percent-decoded and without its matrix parameters ({@link PathContainer.PathSegment#valueToMatch()}),
 * matched with {@link PathPattern}s as the handler mappings match. On top of that the path is
 * normalised more than routing ever does (empty and {@code .} segments dropped, {@code ..} applied, a
 * decoded {@code /} splits a segment) and matched case-insensitively, so every path that can reach a
 * guarded handler is guarded: {@code /admin;x/p}, {@code /%61dmin/p}, {@code //admin/p},
 * {@code /x/../admin/p}, {@code /admin/p/} and {@code /ADMIN/p} all count as {@code /admin/**}.
 */
public final class GuardedPaths {
    private static final PathPatternParser PARSER = new PathPatternParser();
    private static final PathContainer.Options AS_IS = PathContainer.Options.create('/', false);

    static {
        PARSER.setCaseSensitive(false);
    }

    private final List<PathPattern> patterns;

    private GuardedPaths(List<PathPattern> patterns) {
        this.patterns = patterns;
    }

    /** @param patterns Spring path patterns, e.g. {@code /admin/**} */
    public static GuardedPaths of(String... patterns) {
        return new GuardedPaths(Arrays.stream(patterns).map(PARSER::parse).toList());
    }

    public boolean covers(RequestPath path) {
        PathContainer normalized = normalize(path.pathWithinApplication());
        return patterns.stream().anyMatch(pattern -> pattern.matches(normalized));
    }

    /** The decoded segments, without matrix parameters, empty and dot segments, as a path of their own. */
    static PathContainer normalize(PathContainer path) {
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                for (String part : segment.valueToMatch().split("/")) {
                    if (part.equals("..")) {
                        segments.pollLast();
                    } else if (!part.isEmpty() && !part.equals(".")) {
                        segments.addLast(part);
                    }
                }
            }
        }
        // parsed as it is: the segments are decoded already, a second decoding would change them
        return PathContainer.parsePath("/" + String.join("/", segments), AS_IS);
    }
}
