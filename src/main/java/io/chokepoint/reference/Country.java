package io.chokepoint.reference;

import java.util.List;

/**
 * One row of the country reference.
 *
 * @param code the UN Comtrade / CEPII BACI numeric code, or null when the entity has none (Monaco)
 * @param iso3 the code outputs carry: ISO 3166 alpha-3, or Comtrade's alpha code for special areas
 * @param isoNumeric ISO 3166 numeric (M49), or null
 * @param name display name
 * @param kind {@link PartnerKind}
 * @param extraCodes other numeric codes that mean the same partner (e.g. 840 for USA, 736 for Sudan)
 * @param aliases other names and alpha codes (e.g. "Korea, Rep.", "S19", "ZAR")
 */
public record Country(Integer code, String iso3, Integer isoNumeric, String name, String kind,
    List<Integer> extraCodes, List<String> aliases) {}
