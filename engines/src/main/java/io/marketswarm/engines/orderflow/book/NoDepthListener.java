package io.marketswarm.engines.orderflow.book;

/** The depth listener of a book nobody listens to: does nothing. Stateless, so safe to share between threads. */
final class NoDepthListener implements OrderBook.DepthListener {

    /** The only instance. */
    static final NoDepthListener INSTANCE = new NoDepthListener();

    private NoDepthListener() {
    }

    @Override
    public void onDepthChange(final long price, final long delta) {
    }

    @Override
    public void onClear() {
    }
}
