package org.sms1069.api.testing;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every SQL statement the api executes, recorded where it reaches a real connection: the api's
 * {@link ConnectionFactory} bean is wrapped, so each {@code Statement.execute()} (and each statement
 * of a batch) is counted once, whatever code path issued it.
 */
public final class CountedStatements {
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());

    /** Registers the wrapper in an api context: pass to {@link RunningApi#startWith}. */
    public ApplicationContextInitializer<GenericApplicationContext> installer() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ConnectionFactory factory ? counting(factory) : bean;
            }
        });
    }

    /** The statements executed so far, in order; clears the record. */
    public List<String> drain() {
        synchronized (executed) {
            List<String> copy = List.copyOf(executed);
            executed.clear();
            return copy;
        }
    }

    /** {@code target}, with every statement executed through it recorded here. */
    public ConnectionFactory counting(ConnectionFactory target) {
        return new ConnectionFactory() {
            @Override
            public Publisher<? extends Connection> create() {
                return reactor.core.publisher.Mono.from(target.create()).map(connection -> countingConnection(connection));
            }

            @Override
            public ConnectionFactoryMetadata getMetadata() {
                return target.getMetadata();
            }
        };
    }

    private Connection countingConnection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("createStatement")) {
                        return countingStatement((Statement) result, (String) args[0]);
                    }
                    if (method.getName().equals("beginTransaction")) {
                        executed.add("BEGIN");
                    } else if (method.getName().equals("commitTransaction")) {
                        executed.add("COMMIT");
                    }
                    return result;
                });
    }

    private Statement countingStatement(Statement target, String sql) {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Statement.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("execute")) {
                        executed.add(sql.strip().replaceAll("\\s+", " "));
                    }
                    return result instanceof Statement ? proxy : result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
