package io.gridledger.api.tariff;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.Netting;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.ReactivePricing;
import io.gridledger.ledger.tariff.SurplusRule;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TimeOfUseBand;
import io.gridledger.ledger.value.WeeklyWindow;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A tariff version as JSON. Prices are gross (tax included) decimal strings per kWh or per day;
 * block bounds are kWh and must be whole Wh.
 */
public record TariffDocument(
        String currency,
        String timezone,
        String validFrom,
        String standingChargePerDay,
        String taxPercent,
        @JsonProperty("import") ImportJson importPricing,
        ExportJson export,
        String netting,
        String surplus,
        ReactiveJson reactive) {

    public record ImportJson(List<BandJson> timeOfUse, List<BlockJson> blocks) {
    }

    public record BandJson(List<String> days, String from, String to, String pricePerKwh) {
    }

    public record BlockJson(BigDecimal uptoKwh, String pricePerKwh) {
    }

    public record ExportJson(String pricePerKwh) {
    }

    public record ReactiveJson(String pricePerKvarh, String freeTanPhi) {
    }

    TariffDefinition toDefinition() {
        Fields.required(importPricing, "import");
        Fields.required(export, "export");
        return new TariffDefinition(
                Fields.currency(currency, "currency"),
                Fields.zone(timezone, "timezone"),
                Fields.instant(validFrom, "validFrom"),
                Fields.decimal(standingChargePerDay, "standingChargePerDay"),
                Fields.decimal(taxPercent, "taxPercent"),
                toImportPricing(),
                Fields.decimal(export.pricePerKwh(), "export.pricePerKwh"),
                netting == null ? Netting.NET_BILLING : Fields.choice(netting, Netting.class, "netting"),
                surplus == null ? SurplusRule.CARRY_OVER : Fields.choice(surplus, SurplusRule.class, "surplus"),
                reactive == null ? null : new ReactivePricing(
                        Fields.decimal(reactive.pricePerKvarh(), "reactive.pricePerKvarh"),
                        Fields.decimal(reactive.freeTanPhi(), "reactive.freeTanPhi")));
    }

    private ImportPricing toImportPricing() {
        boolean hasBands = importPricing.timeOfUse() != null;
        boolean hasBlocks = importPricing.blocks() != null;
        if (hasBands == hasBlocks) {
            throw new InvalidRequestException("import", "give exactly one of 'timeOfUse' or 'blocks'");
        }
        if (hasBands) {
            List<TimeOfUseBand> bands = new ArrayList<>();
            for (int i = 0; i < importPricing.timeOfUse().size(); i++) {
                BandJson b = Fields.required(importPricing.timeOfUse().get(i), "import.timeOfUse[" + i + "]");
                String f = "import.timeOfUse[" + i + "]";
                bands.add(new TimeOfUseBand(
                        new WeeklyWindow(Fields.days(b.days(), f + ".days"), Fields.localTime(b.from(), f + ".from"),
                                Fields.localTime(b.to(), f + ".to")),
                        Fields.decimal(b.pricePerKwh(), f + ".pricePerKwh")));
            }
            if (bands.isEmpty()) {
                throw new InvalidRequestException("import.timeOfUse", "list at least one band");
            }
            return ImportPricing.timeOfUse(bands);
        }
        List<PriceBlock> blocks = new ArrayList<>();
        for (int i = 0; i < importPricing.blocks().size(); i++) {
            BlockJson b = Fields.required(importPricing.blocks().get(i), "import.blocks[" + i + "]");
            String f = "import.blocks[" + i + "]";
            blocks.add(new PriceBlock(b.uptoKwh() == null ? null : wh(b.uptoKwh(), f + ".uptoKwh"),
                    Fields.decimal(b.pricePerKwh(), f + ".pricePerKwh")));
        }
        if (blocks.isEmpty()) {
            throw new InvalidRequestException("import.blocks", "list at least one block");
        }
        return ImportPricing.blocks(blocks);
    }

    private static long wh(BigDecimal kwh, String field) {
        try {
            return kwh.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidRequestException(field, kwh.toPlainString() + " kWh is not a whole number of Wh");
        }
    }

    static TariffDocument of(TariffDefinition d) {
        ImportPricing p = d.importPricing();
        ImportJson importJson = p.isBlockPricing()
                ? new ImportJson(null, p.blocks().stream().map(b -> new BlockJson(
                        b.uptoWh() == null ? null : BigDecimal.valueOf(b.uptoWh()).movePointLeft(3).stripTrailingZeros(),
                        b.pricePerKwh().toPlainString())).toList())
                : new ImportJson(p.timeOfUse().stream().map(b -> new BandJson(
                        b.window().days().stream().sorted().map(DayOfWeek::name).toList(),
                        b.window().from().toString(), b.window().to().toString(),
                        b.pricePerKwh().toPlainString())).toList(), null);
        return new TariffDocument(d.currency().getCurrencyCode(), d.timezone().getId(), d.validFrom().toString(),
                d.standingChargePerDay().toPlainString(), d.taxPercent().toPlainString(), importJson,
                new ExportJson(d.exportPricePerKwh().toPlainString()), d.netting().name(), d.surplus().name(),
                d.reactive() == null ? null : new ReactiveJson(d.reactive().pricePerKvarh().toPlainString(),
                        d.reactive().freeTanPhi().stripTrailingZeros().toPlainString()));
    }
}
