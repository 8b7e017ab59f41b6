package io.marketswarm.gateway.profile;

/**
 * The optional volume-profile routes of a gateway: the event stream {@code GET /sse/volume-profile} and the model
 * API {@code GET /api/models/volume_profile}. Either may be absent; an absent route answers 404 saying it is not
 * configured. The gateway server owns what it is given: {@link #close()} (called by the server's own close) closes
 * the hub, then the API.
 */
public final class VolumeProfileRoutes implements AutoCloseable {

    private static final VolumeProfileRoutes NONE = new VolumeProfileRoutes(null, null);

    private final VolumeProfileSseHub hub;
    private final VolumeProfileApi api;

    private VolumeProfileRoutes(final VolumeProfileSseHub hub, final VolumeProfileApi api) {
        this.hub = hub;
        this.api = api;
    }

    /** @return no volume-profile routes (both answer 404). */
    public static VolumeProfileRoutes none() {
        return NONE;
    }

    /**
     * Both, or either, routes. When both are given, the API's model cache is invalidated by the hub's messages
     * ({@link VolumeProfileApi#onPublished}, registered here).
     *
     * @param hub the started (or not yet started) hub, or {@code null}.
     * @param api the model API, or {@code null}.
     * @return the routes.
     */
    public static VolumeProfileRoutes of(final VolumeProfileSseHub hub, final VolumeProfileApi api) {
        if (hub != null && api != null) {
            hub.addObserver(api::onPublished);
        }
        return hub == null && api == null ? NONE : new VolumeProfileRoutes(hub, api);
    }

    /** @return the hub, or {@code null}. */
    public VolumeProfileSseHub hub() {
        return hub;
    }

    /** @return the API, or {@code null}. */
    public VolumeProfileApi api() {
        return api;
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        if (api != null) {
            api.close();
        }
    }
}
