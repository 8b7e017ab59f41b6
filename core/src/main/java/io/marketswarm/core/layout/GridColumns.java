package io.marketswarm.core.layout;

/**
 * The 20 columns of an emitted grid, in wire order (Arrow schema and JSON {@code grid} keys, spec §11.3, §12):
 * {@code k} first, then 18 float64 columns, then {@code last_event_id} (int64). Column indices below count the 19
 * value columns after {@code k}; the same order is the layout of one bucket's state in {@link BucketStateDescriptor}.
 */
public final class GridColumns {

    /** Grid half-width: buckets {@code k = -K..K}. */
    public static final int K = 50;
    /** Number of buckets. */
    public static final int ROWS = 2 * K + 1;

    /** Pressure force. */
    public static final int PRESSURE = 0;
    /** Vacuum force. */
    public static final int VACUUM = 1;
    /** Decayed added quantity. */
    public static final int ADD_MASS = 2;
    /** Decayed pulled quantity. */
    public static final int PULL_MASS = 3;
    /** Decayed filled quantity. */
    public static final int FILL_MASS = 4;
    /** Resting quantity at the last touch or resync. */
    public static final int REST_DEPTH = 5;
    /** Velocity of adds. */
    public static final int V_ADD = 6;
    /** Velocity of pulls. */
    public static final int V_PULL = 7;
    /** Velocity of fills. */
    public static final int V_FILL = 8;
    /** Velocity of resting depth. */
    public static final int V_REST_DEPTH = 9;
    /** Acceleration of adds. */
    public static final int A_ADD = 10;
    /** Acceleration of pulls. */
    public static final int A_PULL = 11;
    /** Acceleration of fills. */
    public static final int A_FILL = 12;
    /** Acceleration of resting depth. */
    public static final int A_REST_DEPTH = 13;
    /** Jerk of adds. */
    public static final int J_ADD = 14;
    /** Jerk of pulls. */
    public static final int J_PULL = 15;
    /** Jerk of fills. */
    public static final int J_FILL = 16;
    /** Jerk of resting depth. */
    public static final int J_REST_DEPTH = 17;
    /** Event id of the last touch (int64). */
    public static final int LAST_EVENT_ID = 18;
    /** Number of value columns (after {@code k}). */
    public static final int VALUE_COLUMNS = 19;
    /** Number of float64 value columns. */
    public static final int DOUBLE_COLUMNS = 18;

    /** Column names in wire order, {@code k} first. */
    public static final String[] NAMES = {
        "k", "pressure_variant", "vacuum_variant", "add_mass", "pull_mass", "fill_mass", "rest_depth",
        "v_add", "v_pull", "v_fill", "v_rest_depth", "a_add", "a_pull", "a_fill", "a_rest_depth",
        "j_add", "j_pull", "j_fill", "j_rest_depth", "last_event_id",
    };

    private GridColumns() {
    }
}
