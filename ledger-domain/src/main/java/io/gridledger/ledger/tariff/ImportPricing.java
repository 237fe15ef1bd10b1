package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.WeeklyWindow;
import io.gridledger.ledger.value.WeeklyWindow.SecondRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * How import energy is priced: either by time-of-use bands or by graduated monthly blocks, never
 * both. Bands must cover every second of every day of the week exactly once; blocks must have
 * strictly increasing bounds and end with one open-ended block.
 */
public record ImportPricing(List<TimeOfUseBand> timeOfUse, List<PriceBlock> blocks) {

    public ImportPricing {
        timeOfUse = timeOfUse == null ? List.of() : List.copyOf(timeOfUse);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        if (timeOfUse.isEmpty() == blocks.isEmpty()) {
            throw new InvalidTariffException("import", "give exactly one of 'timeOfUse' or 'blocks'");
        }
        if (!timeOfUse.isEmpty()) {
            checkBands(timeOfUse);
        } else {
            checkBlocks(blocks);
        }
    }

    public static ImportPricing timeOfUse(List<TimeOfUseBand> bands) {
        return new ImportPricing(bands, null);
    }

    public static ImportPricing blocks(List<PriceBlock> blocks) {
        return new ImportPricing(null, blocks);
    }

    public boolean isBlockPricing() {
        return !blocks.isEmpty();
    }

    private static void checkBands(List<TimeOfUseBand> bands) {
        for (int i = 0; i < bands.size(); i++) {
            checkPrice(bands.get(i).pricePerKwh(), "import.timeOfUse[" + i + "].pricePerKwh");
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            record Piece(SecondRange range, int band) {
            }
            List<Piece> pieces = new ArrayList<>();
            for (int i = 0; i < bands.size(); i++) {
                if (bands.get(i).window().appliesOn(day)) {
                    for (SecondRange r : bands.get(i).window().rangesOfDay()) {
                        pieces.add(new Piece(r, i));
                    }
                }
            }
            pieces.sort(Comparator.comparingInt(p -> p.range().start()));
            int covered = 0;
            for (Piece p : pieces) {
                if (p.range().start() > covered) {
                    throw new InvalidTariffException("import.timeOfUse", "bands leave a gap on " + day + " from "
                            + LocalTime.ofSecondOfDay(covered) + " to " + LocalTime.ofSecondOfDay(p.range().start()));
                }
                if (p.range().start() < covered) {
                    throw new InvalidTariffException("import.timeOfUse[" + p.band() + "]",
                            "band overlaps another band on " + day + " at " + LocalTime.ofSecondOfDay(p.range().start()));
                }
                covered = p.range().end();
            }
            if (covered < WeeklyWindow.SECONDS_PER_DAY) {
                throw new InvalidTariffException("import.timeOfUse", "bands leave a gap on " + day + " from "
                        + LocalTime.ofSecondOfDay(covered) + " to 24:00");
            }
        }
    }

    private static void checkBlocks(List<PriceBlock> blocks) {
        long previous = 0;
        for (int i = 0; i < blocks.size(); i++) {
            PriceBlock b = blocks.get(i);
            String field = "import.blocks[" + i + "]";
            checkPrice(b.pricePerKwh(), field + ".pricePerKwh");
            boolean last = i == blocks.size() - 1;
            if (last && !b.isOpenEnded()) {
                throw new InvalidTariffException(field + ".uptoKwh", "the last block must have no upper bound");
            }
            if (!last && b.isOpenEnded()) {
                throw new InvalidTariffException(field + ".uptoKwh", "only the last block may omit its upper bound");
            }
            if (!last && b.uptoWh() <= previous) {
                throw new InvalidTariffException(field + ".uptoKwh", "bounds must increase strictly and be above zero");
            }
            if (!last) {
                previous = b.uptoWh();
            }
        }
    }

    /**
     * One written form per price, so that {@code 0.31} and {@code 0.3100} define the same tariff:
     * at least four decimals, no trailing zeros beyond them.
     */
    static BigDecimal canonical(BigDecimal price) {
        if (price == null) {
            return null;
        }
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < Money.SCALE ? stripped.setScale(Money.SCALE) : stripped;
    }

    static void checkPrice(BigDecimal price, String field) {
        if (price == null) {
            throw new InvalidTariffException(field, "is required");
        }
        if (price.signum() < 0) {
            throw new InvalidTariffException(field, "must not be negative");
        }
    }

    /**
     * Prices an import delta of {@code wh} measured over {@code (start, end]}.
     *
     * @param monthToDateWh import already counted toward the calendar month of {@code end} (blocks only)
     * @return the charged parts, in time or block order; their {@code wh} sum to {@code wh}
     */
    public List<ImportCharge> price(Instant start, Instant end, long wh, long monthToDateWh, ZoneId zone,
                                    Currency currency) {
        if (wh == 0) {
            return List.of();
        }
        return isBlockPricing()
                ? priceBlocks(wh, monthToDateWh, currency)
                : priceBands(start, end, wh, zone, currency);
    }

    private List<ImportCharge> priceBlocks(long wh, long monthToDateWh, Currency currency) {
        List<ImportCharge> parts = new ArrayList<>(2);
        long counted = monthToDateWh;
        long remaining = wh;
        long lower = 0;
        for (int i = 0; i < blocks.size() && remaining > 0; i++) {
            PriceBlock b = blocks.get(i);
            long upper = b.isOpenEnded() ? Long.MAX_VALUE : b.uptoWh();
            if (counted < upper) {
                long take = Math.min(remaining, upper - counted);
                parts.add(charge(blockLabel(i, lower, b), take, b.pricePerKwh(), currency));
                counted += take;
                remaining -= take;
            }
            lower = upper;
        }
        return parts;
    }

    private static String blockLabel(int index, long lowerWh, PriceBlock b) {
        String range = b.isOpenEnded()
                ? "above " + kwh(lowerWh) + " kWh"
                : kwh(lowerWh) + "-" + kwh(b.uptoWh()) + " kWh";
        return "block " + (index + 1) + " (" + range + ")";
    }

    private static String kwh(long wh) {
        return BigDecimal.valueOf(wh).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private record Segment(int band, long millis) {
    }

    private List<ImportCharge> priceBands(Instant start, Instant end, long wh, ZoneId zone, Currency currency) {
        List<Segment> segments = bandSegments(start, end, zone);
        if (segments.size() == 1) {
            TimeOfUseBand band = timeOfUse.get(segments.get(0).band());
            return List.of(charge(band.label(), wh, band.pricePerKwh(), currency));
        }
        long totalMillis = Duration.between(start, end).toMillis();
        List<ImportCharge> parts = new ArrayList<>(segments.size());
        long assigned = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            long share = i == segments.size() - 1
                    ? wh - assigned
                    : BigInteger.valueOf(wh).multiply(BigInteger.valueOf(s.millis()))
                            .divide(BigInteger.valueOf(totalMillis)).longValueExact();
            assigned += share;
            if (share > 0) {
                TimeOfUseBand band = timeOfUse.get(s.band());
                parts.add(charge(band.label(), share, band.pricePerKwh(), currency));
            }
        }
        return parts;
    }

    /** Splits {@code [start, end)} into maximal runs of one band, in local time of {@code zone}. */
    private List<Segment> bandSegments(Instant start, Instant end, ZoneId zone) {
        List<Segment> segments = new ArrayList<>(2);
        Instant t = start;
        while (t.isBefore(end)) {
            ZonedDateTime local = t.atZone(zone);
            LocalDate day = local.toLocalDate();
            int second = local.toLocalTime().toSecondOfDay();
            int band = bandAt(day.getDayOfWeek(), second);
            Instant boundary = nextBoundary(local, band);
            Instant segmentEnd = boundary.isBefore(end) ? boundary : end;
            long millis = Duration.between(t, segmentEnd).toMillis();
            Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.band() == band) {
                segments.set(segments.size() - 1, new Segment(band, last.millis() + millis));
            } else {
                segments.add(new Segment(band, millis));
            }
            t = segmentEnd;
        }
        return segments;
    }

    private int bandAt(DayOfWeek day, int secondOfDay) {
        for (int i = 0; i < timeOfUse.size(); i++) {
            if (timeOfUse.get(i).covers(day, secondOfDay)) {
                return i;
            }
        }
        throw new IllegalStateException("validated bands must cover " + day + " " + secondOfDay);
    }

    /** Where the band in force at {@code local} stops; local times are resolved across DST shifts. */
    private Instant nextBoundary(ZonedDateTime local, int band) {
        int secondOfDay = local.toLocalTime().toSecondOfDay();
        LocalDate day = local.toLocalDate();
        int rangeEnd = timeOfUse.get(band).window().rangesOfDay().stream()
                .filter(r -> r.contains(secondOfDay)).findFirst().orElseThrow().end();
        Instant nextDay = day.plusDays(1).atStartOfDay(local.getZone()).toInstant();
        if (rangeEnd >= WeeklyWindow.SECONDS_PER_DAY) {
            return nextDay;
        }
        Instant boundary = ZonedDateTime.ofLocal(day.atTime(LocalTime.ofSecondOfDay(rangeEnd)), local.getZone(),
                local.getOffset()).toInstant();
        return boundary.isAfter(local.toInstant()) ? boundary : nextDay;
    }

    private static ImportCharge charge(String label, long wh, BigDecimal pricePerKwh, Currency currency) {
        Money amount = Money.rounded(BigDecimal.valueOf(wh).multiply(pricePerKwh).movePointLeft(3), currency);
        return new ImportCharge(label, wh, pricePerKwh, amount);
    }
}
