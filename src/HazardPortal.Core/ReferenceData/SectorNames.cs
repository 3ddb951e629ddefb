namespace HazardPortal.Core.ReferenceData;

/// <summary>
/// A sector's Chinese name by its code, from the embedded reference list the database is seeded from
/// (pages never show a sector code such as INDTRADE).
/// </summary>
public static class SectorNames
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names =
        new(() => ReferenceDataImporter.Sectors().ToDictionary(s => s.Code, s => s.Name, StringComparer.Ordinal));

    public static string Of(string? code) => code is null ? "—" : Names.Value.TryGetValue(code, out var name) ? name : code;
}
