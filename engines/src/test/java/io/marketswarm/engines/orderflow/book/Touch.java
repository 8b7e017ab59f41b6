package io.marketswarm.engines.orderflow.book;

import java.util.ArrayList;
import java.util.List;

/** One touch record as a value, for comparing lists. */
record Touch(long price, byte side, long add, long pull, long fill) {

    static Touch add(final long price, final char side, final long qty) {
        return new Touch(price, (byte)side, qty, 0, 0);
    }

    static Touch pull(final long price, final char side, final long qty) {
        return new Touch(price, (byte)side, 0, qty, 0);
    }

    static Touch fill(final long price, final char side, final long qty) {
        return new Touch(price, (byte)side, 0, 0, qty);
    }

    static List<Touch> of(final TouchBuffer buffer) {
        final List<Touch> list = new ArrayList<>(buffer.count());
        for (int i = 0; i < buffer.count(); i++) {
            list.add(new Touch(buffer.price(i), buffer.side(i), buffer.add(i), buffer.pull(i), buffer.fill(i)));
        }
        return list;
    }

    @Override
    public String toString() {
        return "(" + price + ", " + (char)side + ", add=" + add + ", pull=" + pull + ", fill=" + fill + ")";
    }
}
