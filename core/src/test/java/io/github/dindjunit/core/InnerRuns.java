package io.github.dindjunit.core;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a container to completion on an inner daemon and returns its output. */
final class InnerRuns {

    private InnerRuns() {
    }

    static String run(DockerClient docker, String image, String... command) throws InterruptedException {
        String id = docker.createContainerCmd(image).withCmd(command).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            String output = logs(docker, id);
            if (exitCode != 0) {
                throw new AssertionError("Inner container " + String.join(" ", command) + " exited with "
                        + exitCode + ": " + output);
            }
            return output;
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** Waits up to 30 seconds for a running container to print the given text. */
    static void awaitLog(DockerClient docker, String containerId, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (logs(docker, containerId).contains(text)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("Inner container " + containerId + " did not print '" + text + "' within 30 s: "
                + logs(docker, containerId));
    }

    static String logs(DockerClient docker, String containerId) throws InterruptedException {
        StringBuilder output = new StringBuilder();
        docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })
                .awaitCompletion(60, TimeUnit.SECONDS);
        return output.toString();
    }
}
