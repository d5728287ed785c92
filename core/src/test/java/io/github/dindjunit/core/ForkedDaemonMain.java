package io.github.dindjunit.core;

import java.util.concurrent.TimeUnit;

/**
 * Runs in a JVM that a test forks, to see what the library leaves behind when that JVM ends. The first
 * argument selects how it ends:
 * <ul>
 *   <li>{@code sleep}: starts a daemon, prints its container ID, and sleeps until the test kills the JVM;</li>
 *   <li>{@code exit}: starts a daemon, prints its container ID, and exits normally without stopping it;</li>
 *   <li>{@code start}: tries to start a daemon and prints the failure, for an engine that cannot be reached.</li>
 * </ul>
 * The second argument is the image.
 */
public final class ForkedDaemonMain {

    static final String CONTAINER_PREFIX = "container ";

    static final String FAILURE_PREFIX = "failure ";

    private ForkedDaemonMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        DinDContainer daemon = new DinDContainer(args[1]);
        try {
            daemon.start();
        } catch (RuntimeException e) {
            System.out.println(FAILURE_PREFIX + e.getClass().getName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.out.flush();
            System.exit(mode.equals("start") ? 0 : 1);
        }
        System.out.println(CONTAINER_PREFIX + daemon.getContainerId());
        System.out.flush();

        if (mode.equals("sleep")) {
            TimeUnit.MINUTES.sleep(10);
        }
        System.exit(0);
    }
}
