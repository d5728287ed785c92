package io.github.dindjunit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.RootFS;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How images are split into archives; copying them is tested in {@code ImagePreloadTest}. */
class ImagePreloaderTest {

    private final Map<String, InspectImageResponse> outerImages = new LinkedHashMap<>();

    @Test
    void imagesWithoutSharedLayersStreamApart() {
        image("app:1", "sha256:app", "layer-a", "layer-b");
        image("db:1", "sha256:db", "layer-c");

        assertThat(archives()).containsExactly(List.of("app:1"), List.of("db:1"));
    }

    @Test
    void imagesThatShareALayerStreamTogether() {
        image("base:1", "sha256:base", "layer-a");
        image("other:1", "sha256:other", "layer-x");
        image("app:1", "sha256:app", "layer-a", "layer-b");

        assertThat(archives()).containsExactly(List.of("base:1", "app:1"), List.of("other:1"));
    }

    @Test
    void sharingIsTransitive() {
        image("first:1", "sha256:first", "layer-a");
        image("last:1", "sha256:last", "layer-c");
        image("middle:1", "sha256:middle", "layer-a", "layer-c");

        assertThat(archives()).containsExactly(List.of("first:1", "last:1", "middle:1"));
    }

    @Test
    void twoNamesOfOneImageStreamTogether() {
        // Without layers, only the shared ID can put the two names into one archive.
        image("empty:1", "sha256:empty");
        image("empty:latest", "sha256:empty");
        image("other:1", "sha256:other");

        assertThat(archives()).containsExactly(List.of("empty:1", "empty:latest"), List.of("other:1"));
    }

    @Test
    void imageWithoutRootFsStreamsAlone() {
        outerImages.put("odd:1", new InspectImageResponse().withId("sha256:odd"));
        image("app:1", "sha256:app", "layer-a");

        assertThat(archives()).containsExactly(List.of("odd:1"), List.of("app:1"));
    }

    private void image(String name, String id, String... layers) {
        outerImages.put(name, new InspectImageResponse().withId(id)
                .withRootFS(new RootFS().withType("layers").withLayers(List.of(layers))));
    }

    private List<List<String>> archives() {
        return ImagePreloader.groupBySharedLayers(List.copyOf(outerImages.keySet()), outerImages);
    }
}
