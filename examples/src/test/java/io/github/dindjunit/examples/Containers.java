package io.github.dindjunit.examples;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Small helpers that run a container to completion and read what it printed. */
final class Containers {

    private Containers() {
    }

    /** The exit code and combined output of a finished container. */
    record Result(int exitCode, String output) {
    }

    /**
     * Creates, starts and waits for a container, then reads its output and removes it.
     *
     * @param docker the daemon to run it on
     * @param image the image, present on that daemon
     * @param command the command to run
     * @return its exit code and output
     */
    static Result run(DockerClient docker, String image, String... command) throws InterruptedException {
        String id = docker.createContainerCmd(image).withCmd(command).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
            return new Result(exitCode, output(docker, id));
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static String output(DockerClient docker, String containerId) throws InterruptedException {
        StringBuilder output = new StringBuilder();
        docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
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
