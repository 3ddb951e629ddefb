using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<JurisdictionLevel>))]
public enum JurisdictionLevel
{
    National,
    Province,
    Prefecture,
    County,
    Township,
    Village,
}

/// <summary>A node of the jurisdiction tree: 12-digit NBS division code and an ltree path of codes from 全国.</summary>
public class Jurisdiction : IScoped
{
    public const string RootCode = "000000000000";

    public required string Code { get; set; }

    public required string Name { get; set; }

    public JurisdictionLevel Level { get; set; }

    public string? ParentCode { get; set; }

    public LTree Path { get; set; }

    public string? Note { get; set; }

    /// <summary>The year of the NBS division list that last listed this node (null: entered by hand).</summary>
    public int? DivisionYear { get; set; }

    /// <summary>The day a newer division list no longer had the node: it stays for its records, marked retired.</summary>
    public DateOnly? RetiredOn { get; set; }

    public static bool IsValidCode(string? code) =>
        code is { Length: 12 } && code.All(char.IsAsciiDigit);

    public static string LevelName(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.National => "全国",
        JurisdictionLevel.Province => "省级",
        JurisdictionLevel.Prefecture => "市级",
        JurisdictionLevel.County => "县级",
        JurisdictionLevel.Township => "乡镇级",
        JurisdictionLevel.Village => "村级",
    };

    public static JurisdictionLevel ParseLevel(string text) => text switch
    {
        "national" => JurisdictionLevel.National,
        "province" => JurisdictionLevel.Province,
        "prefecture" => JurisdictionLevel.Prefecture,
        "county" => JurisdictionLevel.County,
        "township" => JurisdictionLevel.Township,
        "village" => JurisdictionLevel.Village,
        _ => throw new FormatException($"Unknown jurisdiction level '{text}'."),
    };
}
