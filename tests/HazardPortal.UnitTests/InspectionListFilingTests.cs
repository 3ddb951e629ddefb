using HazardPortal.Core.Records;

namespace HazardPortal.UnitTests;

/// <summary>002 附件1's 注：本表5月份开始上报，每月30日前上报本月隐患排查情况 — the months and their due days.</summary>
public class InspectionListFilingTests
{
    private static readonly DateOnly Start = new(2023, 5, 1);
    private static readonly DateOnly End = new(2023, 12, 31);

    [Theory]
    [InlineData(2023, 6, 30)]
    [InlineData(2023, 7, 30)]
    [InlineData(2024, 2, 29)]
    [InlineData(2023, 2, 28)]
    public void A_month_is_due_on_the_30th_or_its_last_day(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), InspectionListFiling.DueOf(new DateOnly(year, month, 1)));

    [Theory]
    [InlineData("2023-05", true)]
    [InlineData("2023-08", true)]
    [InlineData("2023-04", false)] // 5月份开始上报
    [InlineData("2023-09", false)] // not after this month (today 2023-08-22)
    [InlineData("2023-13", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Months_run_from_May_to_this_month(string? month, bool ok) =>
        Assert.Equal(ok, InspectionListFiling.MonthOf(month, Start, End, new DateOnly(2023, 8, 22)).Succeeded);

    [Fact]
    public void After_the_campaign_its_last_month_is_the_last_one() =>
        Assert.False(InspectionListFiling.MonthOf("2024-01", Start, End, new DateOnly(2026, 12, 5)).Succeeded);
}
