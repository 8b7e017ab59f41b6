package io.marketswarm.cli;

import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.runtime.orderflow.OrderFlowContext;
import picocli.CommandLine.Option;

/** {@code --ring-profile} and {@code --engine-cpu}, shared by {@code replay}, {@code warm-cache}, {@code serve} and
 * {@code bench replay}. */
final class RingOptions {

    @Option(names = "--ring-profile", paramLabel = "P", defaultValue = "default",
        description = "default (sleeping waits, no pinning) or tuned (busy-spin, the engine stage alone pinned to "
            + "--engine-cpu).")
    String ringProfile;

    @Option(names = "--engine-cpu", paramLabel = "N", defaultValue = "-1",
        description = "CPU for the engine stage with --ring-profile tuned (default: any free CPU).")
    int engineCpu;

    /**
     * @param ctx the context to set.
     * @return {@code ctx} with the profile and CPU.
     * @throws IllegalArgumentException naming a bad profile.
     */
    OrderFlowContext applyTo(final OrderFlowContext ctx) {
        return ctx.ringProfile(RingProfile.parse(ringProfile)).engineCpu(engineCpu);
    }
}
