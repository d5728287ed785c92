package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fifty test classes for the soak test, each with a daemon of its own: {@link DinD} is inherited, and every
 * subclass is a class of its own to JUnit.
 */
final class SoakFixtures {

    static final List<Class<?>> ALL = List.of(Fixture01.class, Fixture02.class, Fixture03.class, Fixture04.class, Fixture05.class, Fixture06.class, Fixture07.class, Fixture08.class, Fixture09.class, Fixture10.class, Fixture11.class, Fixture12.class, Fixture13.class, Fixture14.class, Fixture15.class, Fixture16.class, Fixture17.class, Fixture18.class, Fixture19.class, Fixture20.class, Fixture21.class, Fixture22.class, Fixture23.class, Fixture24.class, Fixture25.class, Fixture26.class, Fixture27.class, Fixture28.class, Fixture29.class, Fixture30.class, Fixture31.class, Fixture32.class, Fixture33.class, Fixture34.class, Fixture35.class, Fixture36.class, Fixture37.class, Fixture38.class, Fixture39.class, Fixture40.class, Fixture41.class, Fixture42.class, Fixture43.class, Fixture44.class, Fixture45.class, Fixture46.class, Fixture47.class, Fixture48.class, Fixture49.class, Fixture50.class);

    private SoakFixtures() {
    }

    @DinD
    abstract static class SoakFixture {

        @Test
        void daemonAnswers(DockerClient docker) {
            assertThat(docker.infoCmd().exec().getContainers()).isZero();
        }

        @Test
        void daemonListsNoImages(DockerClient docker) {
            assertThat(docker.listImagesCmd().exec()).isEmpty();
        }
    }

    static class Fixture01 extends SoakFixture {
    }

    static class Fixture02 extends SoakFixture {
    }

    static class Fixture03 extends SoakFixture {
    }

    static class Fixture04 extends SoakFixture {
    }

    static class Fixture05 extends SoakFixture {
    }

    static class Fixture06 extends SoakFixture {
    }

    static class Fixture07 extends SoakFixture {
    }

    static class Fixture08 extends SoakFixture {
    }

    static class Fixture09 extends SoakFixture {
    }

    static class Fixture10 extends SoakFixture {
    }

    static class Fixture11 extends SoakFixture {
    }

    static class Fixture12 extends SoakFixture {
    }

    static class Fixture13 extends SoakFixture {
    }

    static class Fixture14 extends SoakFixture {
    }

    static class Fixture15 extends SoakFixture {
    }

    static class Fixture16 extends SoakFixture {
    }

    static class Fixture17 extends SoakFixture {
    }

    static class Fixture18 extends SoakFixture {
    }

    static class Fixture19 extends SoakFixture {
    }

    static class Fixture20 extends SoakFixture {
    }

    static class Fixture21 extends SoakFixture {
    }

    static class Fixture22 extends SoakFixture {
    }

    static class Fixture23 extends SoakFixture {
    }

    static class Fixture24 extends SoakFixture {
    }

    static class Fixture25 extends SoakFixture {
    }

    static class Fixture26 extends SoakFixture {
    }

    static class Fixture27 extends SoakFixture {
    }

    static class Fixture28 extends SoakFixture {
    }

    static class Fixture29 extends SoakFixture {
    }

    static class Fixture30 extends SoakFixture {
    }

    static class Fixture31 extends SoakFixture {
    }

    static class Fixture32 extends SoakFixture {
    }

    static class Fixture33 extends SoakFixture {
    }

    static class Fixture34 extends SoakFixture {
    }

    static class Fixture35 extends SoakFixture {
    }

    static class Fixture36 extends SoakFixture {
    }

    static class Fixture37 extends SoakFixture {
    }

    static class Fixture38 extends SoakFixture {
    }

    static class Fixture39 extends SoakFixture {
    }

    static class Fixture40 extends SoakFixture {
    }

    static class Fixture41 extends SoakFixture {
    }

    static class Fixture42 extends SoakFixture {
    }

    static class Fixture43 extends SoakFixture {
    }

    static class Fixture44 extends SoakFixture {
    }

    static class Fixture45 extends SoakFixture {
    }

    static class Fixture46 extends SoakFixture {
    }

    static class Fixture47 extends SoakFixture {
    }

    static class Fixture48 extends SoakFixture {
    }

    static class Fixture49 extends SoakFixture {
    }

    static class Fixture50 extends SoakFixture {
    }
}
