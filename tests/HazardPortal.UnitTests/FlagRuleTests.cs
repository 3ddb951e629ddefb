using HazardPortal.Core.Flags;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.UnitTests;

/// <summary>Each flag rule on a hit and on a near miss, at the default thresholds (issue #6).</summary>
public class FlagRuleTests
{
    private static readonly DateOnly AsOf = new(2023, 8, 31);

    [Fact]
    public void Silent_enterprise_is_flagged_when_departments_found_one_and_it_reported_none_for_three_months()
    {
        // The window of 3 months to 2023-08-31 is 2023-06-01 … 2023-08-31.
        Assert.Equal(new DateOnly(2023, 6, 1), FlagRules.WindowStart(AsOf, 3));
        Assert.True(FlagRules.Silent(new DateOnly(2023, 5, 31), [new DateOnly(2023, 7, 10)], AsOf, 3)); // last self-report the day before the window
        Assert.True(FlagRules.Silent(null, [new DateOnly(2023, 6, 1)], AsOf, 3)); // never self-reported; department find on the window's first day

        // Near misses: a self-report on the window's first day; the department's find the day before the window; no department find at all.
        Assert.False(FlagRules.Silent(new DateOnly(2023, 6, 1), [new DateOnly(2023, 7, 10)], AsOf, 3));
        Assert.False(FlagRules.Silent(null, [new DateOnly(2023, 5, 31)], AsOf, 3));
        Assert.False(FlagRules.Silent(null, [], AsOf, 3));
        Assert.False(FlagRules.Silent(null, [AsOf.AddDays(1)], AsOf, 3)); // found after the as-of day
    }

    [Fact]
    public void High_risk_enterprise_is_flagged_after_two_months_without_a_self_found_hazard()
    {
        Assert.True(FlagRules.HighRiskSilent(true, new DateOnly(2023, 6, 30), AsOf, 2));
        Assert.True(FlagRules.HighRiskSilent(true, null, AsOf, 2));

        Assert.False(FlagRules.HighRiskSilent(true, new DateOnly(2023, 7, 1), AsOf, 2)); // the window's first day
        Assert.False(FlagRules.HighRiskSilent(false, null, AsOf, 2)); // not high-risk
    }

    [Fact]
    public void Repeat_counts_a_find_after_verification_up_to_twelve_months_later()
    {
        var verified = new DateOnly(2022, 9, 15);
        Assert.True(FlagRules.Repeat(verified, new DateOnly(2023, 8, 1), AsOf, 12));
        Assert.True(FlagRules.Repeat(verified, new DateOnly(2023, 9, 15), new DateOnly(2023, 9, 30), 12)); // exactly 12 months later

        Assert.False(FlagRules.Repeat(verified, new DateOnly(2023, 9, 16), new DateOnly(2023, 9, 30), 12)); // a day beyond
        Assert.False(FlagRules.Repeat(verified, verified, AsOf, 12)); // the same day as the verification
        Assert.False(FlagRules.Repeat(verified, new DateOnly(2022, 8, 1), AsOf, 12)); // found before it was verified
    }

    [Theory]
    [InlineData(10, 13, true)] // 3 > max(1, 2)
    [InlineData(10, 12, false)] // 2 = the item floor: allowed
    [InlineData(100, 111, true)] // 11 > max(10, 2)
    [InlineData(100, 110, false)] // 10 = 10% exactly
    [InlineData(100, 89, true)] // under-reporting counts as well
    [InlineData(0, 3, true)]
    [InlineData(0, 2, false)]
    public void Drift_is_more_than_ten_percent_or_two_items_whichever_is_larger(double computed, double value, bool flagged) =>
        Assert.Equal(flagged, FlagRules.Drift((decimal)computed, (decimal)value, 10, 2));

    [Fact]
    public void Rectified_without_after_photo_is_flagged_after_the_grace_days()
    {
        var rectified = new DateOnly(2023, 8, 28);
        Assert.True(FlagRules.MissingPhotos(rectified, false, AsOf, 0));
        Assert.True(FlagRules.MissingPhotos(rectified, false, AsOf, 3));

        Assert.False(FlagRules.MissingPhotos(rectified, true, AsOf, 0)); // has its after-photo
        Assert.False(FlagRules.MissingPhotos(rectified, false, AsOf, 4)); // still within the grace days
        Assert.False(FlagRules.MissingPhotos(AsOf.AddDays(1), false, AsOf, 0)); // rectified after the as-of day
    }

    [Fact]
    public void The_deepest_setting_on_the_path_wins_and_unset_rules_keep_the_default()
    {
        var province = Setting("1.36", FlagRule.SilentWhileDepartmentsFind, 6);
        var county = Setting("1.36.3601.360124", FlagRule.SilentWhileDepartmentsFind, 2);
        var off = Setting("1.36.3601.360124", FlagRule.RectifiedWithoutPhotos, 0, enabled: false);
        FlagSetting[] all = [province, county, off];

        Assert.Equal(2, FlagRules.Resolve(FlagRule.SilentWhileDepartmentsFind, "1.36.3601.360124.360124100", all).Value);
        Assert.Equal(6, FlagRules.Resolve(FlagRule.SilentWhileDepartmentsFind, "1.36.3601.360121", all).Value);
        Assert.Equal(3, FlagRules.Resolve(FlagRule.SilentWhileDepartmentsFind, "1.53", all).Value); // the default
        Assert.Null(FlagRules.Resolve(FlagRule.SilentWhileDepartmentsFind, "1.53", all).SetAt);
        Assert.Equal(3, FlagRules.Resolve(FlagRule.SilentWhileDepartmentsFind, "1.360", all).Value); // "1.360" is not under "1.36"
        Assert.False(FlagRules.Resolve(FlagRule.RectifiedWithoutPhotos, "1.36.3601.360124.360124100", all).Enabled);
        Assert.Equal(new FlagThreshold(FlagRule.OverrideDrift, true, 10, 2), FlagRules.Resolve(FlagRule.OverrideDrift, "1.36", all));
    }

    [Fact]
    public void Descriptions_carry_the_thresholds() =>
        Assert.Equal("调度表修改值与系统计算值相差超过10%或2个（取大者）", FlagRules.Describe(FlagRules.Default(FlagRule.OverrideDrift)));

    private static FlagSetting Setting(string path, FlagRule rule, decimal value, bool enabled = true) =>
        new() { JurisdictionCode = path.Split('.')[^1], Path = new LTree(path), Rule = rule, Value = value, Enabled = enabled };
}
