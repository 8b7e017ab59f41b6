package io.marketswarm.engines.volume;

/**
 * Session profile metrics of spec §8, in row keys ({@code row = round_half_even(price / rowSize)}).
 * Multiply a row by the row size to get its price.
 *
 * <p>Immutable: the arrays are copies made by {@link SessionProfileMetrics} and are copied again by their
 * accessors. {@code equals} on a record with array components compares references; compare fields instead.
 *
 * @param firstRow        lowest row of the dense profile
 * @param rowCount        {@code n}, rows in the dense profile
 * @param totalVolume     {@code V}
 * @param pocRow          POC row
 * @param pocVolume       {@code v[POC]}
 * @param valRow          VAL row ({@code lo})
 * @param vahRow          VAH row ({@code hi})
 * @param vaVolume        {@code va_volume}, the volume of rows {@code lo..hi}
 * @param profileStrength §8.5 strength, {@code NaN} when null ({@code n < 2} or {@code V = 0})
 * @param pocShare        {@code v[POC] / V}, {@code NaN} if {@code V = 0}
 * @param hvnRows         HVN rows, ascending
 * @param lvnRows         LVN rows, ascending
 * @param supportRows     HVN rows below the reference, nearest first
 * @param resistanceRows  HVN rows above the reference, nearest first
 */
public record SessionProfileResult(long firstRow, int rowCount, double totalVolume, long pocRow, double pocVolume,
                                   long valRow, long vahRow, double vaVolume, double profileStrength,
                                   double pocShare, long[] hvnRows, long[] lvnRows, long[] supportRows,
                                   long[] resistanceRows) {

    /** Copies the arrays so the record owns them. */
    public SessionProfileResult {
        hvnRows = hvnRows.clone();
        lvnRows = lvnRows.clone();
        supportRows = supportRows.clone();
        resistanceRows = resistanceRows.clone();
    }

    /** @return a copy of the HVN rows, ascending */
    @Override
    public long[] hvnRows() {
        return hvnRows.clone();
    }

    /** @return a copy of the LVN rows, ascending */
    @Override
    public long[] lvnRows() {
        return lvnRows.clone();
    }

    /** @return a copy of the support rows, nearest first */
    @Override
    public long[] supportRows() {
        return supportRows.clone();
    }

    /** @return a copy of the resistance rows, nearest first */
    @Override
    public long[] resistanceRows() {
        return resistanceRows.clone();
    }
}
