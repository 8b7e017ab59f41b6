/**
 * The grid's binary WebSocket frame (spec §11.3): a complete Apache Arrow IPC stream per grid, written without the
 * Arrow library.
 *
 * <pre>
 *  GridSnapshot (raw ring state) --GridArrowEncoder--&gt; [schema msg | batch msg | body: k + 19 value columns | EOS]
 *                                   template from GridArrowMessages (FlatBufferWriter), once per JVM
 * </pre>
 *
 * {@link io.marketswarm.gateway.arrow.GridArrowFrameDescriptor} is the byte layout; only the value columns change
 * from grid to grid. Tests read every frame back with Apache Arrow Java (test scope only).
 */
package io.marketswarm.gateway.arrow;
