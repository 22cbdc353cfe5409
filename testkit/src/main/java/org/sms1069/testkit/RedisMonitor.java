package org.sms1069.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every command a Redis server runs, as {@code MONITOR} shows them while this is open, each with the call that sent
 * it: a command a script runs ({@code [0 lua]}) belongs to the EVAL or EVALSHA right before it, since a script runs
 * alone. Counting a family's calls this way needs no estimate of what other clients send meanwhile.
 */
public final class RedisMonitor implements AutoCloseable {
    /** One command as Redis ran it: its name (lower case), its arguments, and the client's call that sent it. */
    public record Command(String name, List<String> args, Command sentBy) {
        /** The first key of the client's call: a script's first key, a command's first argument; "" if none. */
        public String callKey() {
            Command call = sentBy == null ? this : sentBy;
            if (call.name.equals("eval") || call.name.equals("evalsha")) {
                return call.args.size() > 2 && !call.args.get(1).equals("0") ? call.args.get(2) : "";
            }
            return call.args.isEmpty() ? "" : call.args.get(0);
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private RedisMonitor(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.reader = new Thread(this::read, "redis-monitor");
        this.reader.setDaemon(true);
    }

    /** Starts monitoring the server at {@code uri} ({@code redis://host:port}); returns once Redis has said OK. */
    public static RedisMonitor open(String uri) {
        URI parsed = URI.create(uri);
        try {
            Socket socket = new Socket(parsed.getHost(), parsed.getPort());
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            out.write("MONITOR\r\n");
            out.flush();
            RedisMonitor monitor = new RedisMonitor(socket);
            String answer = monitor.in.readLine();
            if (!"+OK".equals(answer)) {
                socket.close();
                throw new IllegalStateException("MONITOR answered " + answer);
            }
            monitor.reader.start();
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commands seen so far that {@code counted} accepts. */
    public List<Command> commands(Predicate<Command> counted) {
        synchronized (commands) {
            return commands.stream().filter(counted).toList();
        }
    }

    private void read() {
        Command call = null;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int bracket = line.indexOf(']');
                if (!line.startsWith("+") || bracket < 0) {
                    continue;
                }
                boolean fromScript = line.substring(0, bracket).endsWith(" lua");
                List<String> words = words(line.substring(bracket + 1));
                if (words.isEmpty()) {
                    continue;
                }
                Command command = new Command(words.get(0).toLowerCase(), List.copyOf(words.subList(1, words.size())),
                        fromScript ? call : null);
                if (!fromScript) {
                    call = command;
                }
                commands.add(command);
            }
        } catch (IOException closed) {
            // the socket was closed: monitoring ends
        }
    }

    /** The quoted words of a MONITOR line ({@code "SET" "k" "v"}), escapes undone as far as counting needs. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (word == null) {
                if (c == '"') {
                    word = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (c == '"') {
                words.add(word.toString());
                word = null;
            } else {
                word.append(c);
            }
        }
        return words;
    }

    @Override
    public void close() {
        try {
            socket.close();
            reader.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
