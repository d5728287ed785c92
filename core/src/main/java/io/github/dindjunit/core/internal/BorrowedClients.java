package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * Views of a DinD daemon's client that users receive and may not close: the container owns the client, every
 * test of the daemon shares it, and the container closes it when the daemon stops. A closed client would fail
 * the next test with docker-java's bare "Connection pool shut down".
 *
 * <p>The view is a dynamic proxy, so it forwards every method of {@link DockerClient}, including methods that
 * a newer docker-java adds, and rejects only {@code close()}.
 */
public final class BorrowedClients {

    private BorrowedClients() {
    }

    /**
     * Returns a view of a client that forwards every call except {@code close()}, which it rejects.
     *
     * @param owned the client that the container owns and closes itself
     * @param daemon the daemon's image and address, for the message
     */
    public static DockerClient of(DockerClient owned, String daemon) {
        return (DockerClient) Proxy.newProxyInstance(DockerClient.class.getClassLoader(),
                new Class<?>[] {DockerClient.class}, new Handler(owned, daemon));
    }

    /** Returns the client behind a view made by {@link #of}, or the given client if it is no such view. */
    public static DockerClient unwrap(DockerClient client) {
        if (Proxy.isProxyClass(client.getClass()) && Proxy.getInvocationHandler(client) instanceof Handler handler) {
            return handler.owned;
        }
        return client;
    }

    private static final class Handler implements InvocationHandler {

        private final DockerClient owned;
        private final String daemon;

        Handler(DockerClient owned, String daemon) {
            this.owned = owned;
            this.daemon = daemon;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] arguments)
                throws Throwable {
            String name = method.getName();
            boolean noArguments = arguments == null || arguments.length == 0;
            if (name.equals("close") && noArguments) {
                throw new UnsupportedOperationException("Invalid call to close() on the DockerClient of DinD daemon "
                        + daemon + ": dind-junit owns this client, shares it among the tests that use the daemon,"
                        + " and closes it when the daemon stops. Remove the close() call or the try-with-resources"
                        + " block. If you need a client of your own to close, build it from the daemon's"
                        + " certificates: DockerDaemon.exportEnvironment(directory) returns DOCKER_HOST,"
                        + " DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for docker-java's DefaultDockerClientConfig.");
            }
            // Identity belongs to the view: two views of one client are different objects to their callers.
            if (name.equals("equals") && arguments != null && arguments.length == 1) {
                return proxy == arguments[0];
            }
            if (name.equals("hashCode") && noArguments) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("toString") && noArguments) {
                return "DockerClient of DinD daemon " + daemon;
            }
            try {
                return method.invoke(owned, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
