package io.waddle.autoscaler.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinatorScopeTest {

    @Test
    void aCoordinatorPerRegionIsKeyedByPlatformAndRegionOnePerPlatformByPlatform() {
        assertThat(CoordinatorScope.parse("region", Map.of()).key("waddle", "eu-west"))
                .isEqualTo("waddle/eu-west");
        assertThat(CoordinatorScope.parse(" Platform ", Map.of()).key("waddle", "eu-west"))
                .isEqualTo("waddle");
    }

    @Test
    void aCoordinatorPerRegionCannotHoldAMaximumAcrossRegions() {
        assertThatThrownBy(() -> CoordinatorScope.parse("region", Map.of("media-relay", 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "a coordinator per region cannot hold a maximum across regions"
                                + " (media-relay): use the scope platform");
        assertThat(CoordinatorScope.parse("platform", Map.of("media-relay", 60)))
                .isEqualTo(CoordinatorScope.PLATFORM);
    }

    @Test
    void anUnknownScopeIsRefusedNamingIt() {
        assertThatThrownBy(() -> CoordinatorScope.parse("service", Map.of()))
                .hasMessage("coordinator scope must be platform or region: 'service'");
    }
}
