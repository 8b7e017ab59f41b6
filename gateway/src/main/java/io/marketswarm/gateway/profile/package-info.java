/**
 * Volume profile in the gateway (spec {@code volume-profile.md} §4–§6): the long-horizon model over HTTP and its
 * publications as server-sent events.
 *
 * <pre>
 *  market-redis  PUBLISH sse:volume-profile ──► VolumeProfileSseHub ──► GET /sse/volume-profile  (every client)
 *                                                   │ observer (symbol)
 *                                                   ▼
 *  system-redis  model ──► VolumeProfileModels ──► VolumeProfileApi (cache, loader thread)
 *                                                   └──► GET /api/models/volume_profile?mode&amp;min&amp;max&amp;symbol
 * </pre>
 *
 * <p>Glossary: <b>bin</b> — one synthetic index point, {@code round_half_even(price × multiplier)}; <b>RAW</b> /
 * <b>TV</b> — close-price and 30-microbin buckets (§3); <b>VPOC</b>, <b>HVN</b>, <b>LVN</b> — the long-horizon rules
 * of §6 step 5; <b>value area</b> — the 70 % expansion of §8.3 over the dense profile; <b>event id</b> —
 * {@code <hub start ms>-<sequence>}.
 */
package io.marketswarm.gateway.profile;
