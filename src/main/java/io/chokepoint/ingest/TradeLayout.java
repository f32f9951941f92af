package io.chokepoint.ingest;

import org.apache.spark.sql.Column;

/**
 * How one source layout's columns map to the canonical trade fields, as Spark expressions over
 * the raw columns (strings for CSV, typed for Parquet). {@link TradeRowParser} types and checks
 * them; nothing here parses.
 *
 * @param sourceFormat the format name stored in {@code source_format} (canonical input keeps its own)
 * @param year the year
 * @param month the month 1–12, null for annual rows
 * @param frequency "A" or "M" (other values are rejected)
 * @param reporterKey the reporter's lookup key in {@code Countries#lookupTable} ("#842" or "USA")
 * @param reporterText the reporter as written, for messages
 * @param partnerKey the partner's lookup key
 * @param partnerText the partner as written, for messages
 * @param flow a canonical flow name, {@link TradeLayouts#SUB_FLOW} for a sub-flow, or null when unknown
 * @param flowText the flow as written, for messages
 * @param hsCode the commodity code as reported
 * @param value trade value before {@code valueScale}
 * @param weight net weight before {@code weightScale}
 * @param quantity quantity before {@code quantityScale}
 * @param quantityUnit the quantity's unit
 * @param valueScale to USD (1000 for BACI's thousand USD)
 * @param weightScale to kilograms (1000 for BACI's tonnes)
 * @param breakdown true for a partial row (by mode of transport, customs procedure or second
 *     partner) whose total row is also in the file
 * @param raw the record as read (a struct of its fields), for rejects
 * @param classification the HS edition as the source names it (see {@link Classifications}), or null
 */
public record TradeLayout(
    Column sourceFormat,
    Column year,
    Column month,
    Column frequency,
    Column reporterKey,
    Column reporterText,
    Column partnerKey,
    Column partnerText,
    Column flow,
    Column flowText,
    Column hsCode,
    Column value,
    Column weight,
    Column quantity,
    Column quantityUnit,
    double valueScale,
    double weightScale,
    double quantityScale,
    Column breakdown,
    Column raw,
    Column classification) {}
