using HazardPortal.Core.Records;

namespace HazardPortal.UnitTests;

public class InspectionSigningTests
{
    private static readonly Guid Yjj = Guid.NewGuid();
    private static readonly Guid Yjj2 = Guid.NewGuid();
    private static readonly Guid Enterprise = Guid.NewGuid();
    private static readonly DateOnly Today = new(2023, 7, 20);
    private static readonly DateTimeOffset At = new(2023, 7, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private static InspectionContent SpotCheck(params string[] deficiencies) => new(
        InspectionKind.SpotCheck, new DateOnly(2023, 7, 18), Enterprise, null, null,
        [(Yjj, "应急局检查员"), (Yjj2, "应急局检查员二")], deficiencies, [], "抽查企业自查自改情况");

    [Fact]
    public void The_last_signature_freezes_the_record_and_each_inspector_signs_once_as_themselves()
    {
        var inspection = Inspection.Create(SpotCheck("no_drill", "no_safety_org"), Today).Value!;
        Assert.False(inspection.IsFrozen);

        Assert.Equal(Core.Common.ErrorKind.Forbidden, inspection.Sign(Guid.NewGuid(), At)!.Kind);
        Assert.Null(inspection.Sign(Yjj, At));
        Assert.False(inspection.IsFrozen);
        Assert.Equal(Core.Common.ErrorKind.Conflict, inspection.Sign(Yjj, At)!.Kind);

        Assert.Null(inspection.Sign(Yjj2, At.AddMinutes(5)));
        Assert.True(inspection.IsFrozen);
        Assert.Equal(At.AddMinutes(5), inspection.FrozenAt);
    }

    [Fact]
    public void Content_is_editable_until_the_first_signature_and_never_after()
    {
        var inspection = Inspection.Create(SpotCheck("no_drill"), Today).Value!;
        Assert.Null(inspection.Edit(SpotCheck("no_drill", "outsourcing_chaos"), Today));
        Assert.Equal(["no_drill", "outsourcing_chaos"], inspection.Deficiencies);

        Assert.Null(inspection.Sign(Yjj, At));
        Assert.NotNull(inspection.Edit(SpotCheck(), Today));
        Assert.Equal(["no_drill", "outsourcing_chaos"], inspection.Deficiencies);

        Assert.Null(inspection.Sign(Yjj2, At));
        var refused = inspection.Edit(SpotCheck(), Today)!;
        Assert.Contains("更正", refused.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_amendment_keeps_the_original_unchanged_and_marks_it_superseded()
    {
        var original = Inspection.Create(SpotCheck("no_drill"), Today).Value!;
        Assert.NotNull(original.Amend(SpotCheck(), "漏记问题项", Today).Error); // not frozen yet: edit instead
        original.Sign(Yjj, At);
        original.Sign(Yjj2, At);

        Assert.NotNull(original.Amend(SpotCheck("no_drill", "no_duty_list"), " ", Today).Error);
        var amendment = original.Amend(SpotCheck("no_drill", "no_duty_list"), "漏记问题项", Today).Value!;

        Assert.Equal(["no_drill"], original.Deficiencies);
        Assert.True(original.IsFrozen);
        Assert.Equal(amendment.Id, original.SupersededById);
        Assert.Equal(original.Id, amendment.AmendsId);
        Assert.Equal("漏记问题项", amendment.AmendmentReason);
        Assert.Equal(["no_drill", "no_duty_list"], amendment.Deficiencies);
        Assert.False(amendment.IsFrozen);
        Assert.All(amendment.Inspectors, i => Assert.Null(i.SignedAt));

        // The superseded original takes no second amendment and no signature.
        Assert.NotNull(original.Amend(SpotCheck(), "再次更正", Today).Error);
        Assert.NotNull(original.Sign(Yjj, At));
    }

    [Theory]
    [InlineData("unknown_item")]
    [InlineData("no_drill,no_drill")]
    public void Unknown_or_repeated_deficiencies_are_refused(string items) =>
        Assert.NotNull(Inspection.Create(SpotCheck(items.Split(',')), Today).Error);

    [Fact]
    public void Only_spot_checks_carry_deficiencies_and_only_assistance_or_supervision_targets_a_jurisdiction()
    {
        var enforcement = SpotCheck("no_drill") with { Kind = InspectionKind.Enforcement };
        Assert.Equal("deficiencies", Inspection.Create(enforcement, Today).Error!.Fields!.Keys.Single());

        var toTownship = SpotCheck() with { Kind = InspectionKind.Enforcement, EnterpriseId = null, TargetJurisdictionCode = "360124100000" };
        Assert.NotNull(Inspection.Create(toTownship, Today).Error);
        Assert.True(Inspection.Create(toTownship with { Kind = InspectionKind.Assistance }, Today).Succeeded);

        Assert.NotNull(Inspection.Create(SpotCheck() with { On = Today.AddDays(1) }, Today).Error);
        Assert.NotNull(Inspection.Create(SpotCheck() with { Inspectors = [] }, Today).Error);
        Assert.NotNull(Inspection.Create(SpotCheck() with { Inspectors = [(Yjj, "a"), (Yjj, "a")] }, Today).Error);
    }
}

public class DutyTests
{
    private static readonly DateOnly Start = new(2023, 5, 1);
    private static readonly DateOnly End = new(2024, 4, 30);

    [Theory]
    // High-risk: monthly. May without an inspection is in time on 31 May and missed on 1 June.
    [InlineData(true, "2023-05-31", "", 0, false)]
    [InlineData(true, "2023-06-01", "", 1, false)]
    [InlineData(true, "2023-06-01", "2023-05-31", 0, false)]
    [InlineData(true, "2023-06-30", "2023-05-02,2023-06-30", 0, true)]
    [InlineData(true, "2023-08-01", "2023-05-02", 2, false)]
    // Others: quarterly; the first quarter is cut at the campaign start (May–June 2023).
    [InlineData(false, "2023-06-30", "", 0, false)]
    [InlineData(false, "2023-07-01", "", 1, false)]
    [InlineData(false, "2023-07-01", "2023-06-30", 0, false)]
    [InlineData(false, "2023-10-01", "2023-06-30", 1, false)]
    [InlineData(false, "2023-10-01", "2023-06-30,2023-09-30", 0, false)]
    public void Head_led_inspection_duty_by_high_risk_flag_at_boundary_days(bool highRisk, string today, string inspections, int missed, bool currentDone)
    {
        var status = Duties.HeadInspection(highRisk, Start, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Days(inspections));
        Assert.Equal(missed, status.Missed.Count);
        Assert.Equal(missed > 0, status.Behind);
        Assert.Equal(currentDone, status.CurrentDone);
    }

    [Theory]
    // High-risk: every half-year; the first half is cut at the campaign start (May–June 2023).
    [InlineData(true, "2023-06-30", "", 0)]
    [InlineData(true, "2023-07-01", "", 1)]
    [InlineData(true, "2023-07-01", "2023-06-15", 0)]
    [InlineData(true, "2024-01-01", "2023-06-15", 1)]
    [InlineData(true, "2024-01-01", "2023-06-15,2023-12-31", 0)]
    // Others: one drill at any time during the campaign; missed only once the campaign has ended.
    [InlineData(false, "2024-04-30", "", 0)]
    [InlineData(false, "2024-05-01", "", 1)]
    [InlineData(false, "2024-05-01", "2024-04-30", 0)]
    public void Drill_duty_by_high_risk_flag_at_boundary_days(bool highRisk, string today, string drills, int missed)
    {
        var status = Duties.Drill(highRisk, Start, End, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Days(drills));
        Assert.Equal(missed, status.Missed.Count);
    }

    [Fact]
    public void Periods_are_calendar_months_quarters_and_half_years_cut_at_the_start()
    {
        var quarters = Duties.Periods(Start, new DateOnly(2024, 1, 1), 3);
        Assert.Equal([new DutyPeriod(Start, new(2023, 6, 30)), new(new(2023, 7, 1), new(2023, 9, 30)), new(new(2023, 10, 1), new(2023, 12, 31)), new(new(2024, 1, 1), new(2024, 3, 31))], quarters);
        Assert.Empty(Duties.Periods(Start, new DateOnly(2023, 4, 30), 1));
        Assert.Equal("2023年5月", Duties.Periods(Start, Start, 1).Single().Label);
    }

    private static List<DateOnly> Days(string csv) =>
        csv.Length == 0 ? [] : csv.Split(',').Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
