using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.ReferenceData;

namespace HazardPortal.UnitTests;

public class ReferenceDataTests
{
    [Fact]
    public void The_embedded_csvs_hold_every_row() 
    {
        Assert.Equal(98, ReferenceDataImporter.Jurisdictions().Count);
        Assert.Equal(41, ReferenceDataImporter.Sectors().Count);
        Assert.Equal(24, ReferenceDataImporter.Standards().Count);
        Assert.Equal(146, ReferenceDataImporter.Holidays().Count);
    }

    [Fact]
    public void Every_jurisdiction_code_is_twelve_digits_and_its_parent_exists()
    {
        var rows = ReferenceDataImporter.Jurisdictions();
        var codes = rows.Select(r => r.Code).ToHashSet();
        Assert.All(rows, r => Assert.True(Jurisdiction.IsValidCode(r.Code), r.Code));
        Assert.All(rows.Where(r => r.ParentCode is not null), r => Assert.Contains(r.ParentCode!, codes));
    }

    [Fact]
    public void Paths_run_from_the_national_root_through_every_ancestor()
    {
        var paths = ReferenceDataImporter.Paths(ReferenceDataImporter.Jurisdictions());
        Assert.Equal("000000000000.500000000000.500200000000.500229000000.500229001000.500229001203", paths["500229001203"]);
        Assert.Equal("000000000000.360000000000", paths["360000000000"]);
    }

    [Fact]
    public void The_2023_dragon_boat_holiday_and_its_workday_are_present()
    {
        var days = ReferenceDataImporter.Holidays().ToDictionary(h => h.Date);
        Assert.Equal("holiday", days[new DateOnly(2023, 6, 23)].Kind);
        Assert.Equal("workday", days[new DateOnly(2023, 6, 25)].Kind);
    }

    [Theory]
    [InlineData("AuditEntry", "audit_entry")]
    [InlineData("NormalizedUserName", "normalized_user_name")]
    [InlineData("PK_units", "pk_units")]
    [InlineData("CapacityKw", "capacity_kw")]
    public void Snake_case_names(string name, string expected) => Assert.Equal(expected, SnakeCase.Convert(name));
}
