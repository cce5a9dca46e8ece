package ai.archon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A spending limit in US dollars per period: {@code {"usd": 5.0, "period": "day"}} under a key of {@code keys} or a
 * virtual model of {@code spend.budgets}. Periods are UTC calendar periods (ISO weeks start on Monday); {@code total}
 * never resets.
 */
public record Budget(double usd, Period period) {

  /** A budget period, named as in the settings. */
  public enum Period {
    DAY, WEEK, MONTH, TOTAL;

    /** The settings' and the report's name: day, week, month, total. */
    public String id() { return id; }

    private final String id = name().toLowerCase(Locale.ROOT);

    /** The last window named and its UTC day: every request settles four periods, and the name changes once a day. */
    private volatile Window last;

    private record Window(long day, String name) { }

    /** The period of this kind that {@code now} falls in, e.g. {@code 2026-12-06}, {@code 2026-W49}, {@code 2026-12}. */
    public String window(Instant now) {
      long day = Math.floorDiv(now.getEpochSecond(), 86_400L);
      Window w = last;
      if (w != null && w.day() == day) return w.name();
      String name = name(LocalDate.ofEpochDay(day));
      last = new Window(day, name);
      return name;
    }

    private String name(LocalDate d) {
      switch (this) {
        case DAY: return d.toString();
        case WEEK: return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
            d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        case MONTH: return d.toString().substring(0, 7);
        default: return "total";
      }
    }

    /** When the period {@code now} falls in began (the epoch for total). */
    public Instant start(Instant now) {
      LocalDate d = now.atOffset(ZoneOffset.UTC).toLocalDate();
      switch (this) {
        case DAY: return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        case WEEK: return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
        case MONTH: return d.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        default: return Instant.EPOCH;
      }
    }

    /** When the period {@code now} falls in ends, or null for total (it never resets). */
    public Instant end(Instant now) {
      Instant start = start(now);
      LocalDate s = start.atOffset(ZoneOffset.UTC).toLocalDate();
      switch (this) {
        case DAY: return s.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        case WEEK: return s.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        case MONTH: return s.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        default: return null;
      }
    }

    /** Whole seconds from {@code now} to the end of its period (at least 1), or -1 for total. */
    public long secondsToReset(Instant now) {
      Instant end = end(now);
      return end == null ? -1 : Math.max(1, (end.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }

    /** The period named {@code id} (day, week, month, total), or null. */
    public static Period of(String id) {
      for (Period p : values()) {
        if (p.id().equals(id)) return p;
      }
      return null;
    }
  }

  /** Parses {@code {"usd": x, "period": "day"|"week"|"month"|"total"}}; messages name the file and field. */
  static Budget parse(JsonNode n, Path file, String field) {
    if (!n.isObject()) {
      throw new ConfigException(file, field, "must be {\"usd\": x, \"period\": \"day\"|\"week\"|\"month\"|\"total\"}, got "
          + StrictJson.describe(n));
    }
    JsonNode usd = n.get("usd");
    if (usd == null || !usd.isNumber() || usd.asDouble() <= 0) {
      throw new ConfigException(file, field + ".usd", "must be a number of US dollars above 0"
          + (usd == null ? "" : ", got " + StrictJson.describe(usd)));
    }
    JsonNode p = n.get("period");
    Period period = p != null && p.isTextual() ? Period.of(p.asText()) : null;
    if (period == null) {
      throw new ConfigException(file, field + ".period", "must be \"day\", \"week\", \"month\" or \"total\""
          + (p == null ? "" : ", got " + StrictJson.describe(p)));
    }
    return new Budget(usd.asDouble(), period);
  }
}
