using HazardPortal.Core.Dispatch;

namespace HazardPortal.UnitTests;

public class ReportingCalendarTests
{
    // From the seeded holidays.csv: 2023 春节 21–27 Jan (28, 29 Jan 调休 working days); 端午 22–24 Jun (25 Jun 调休 Sunday);
    // 国庆/中秋 29 Sep – 6 Oct (7, 8 Oct working).
    private static readonly ReportingCalendar.Calendar China2023 = new(
        new HashSet<DateOnly>(Days("2023-01-21..2023-01-27", "2023-06-22..2023-06-24", "2023-09-29..2023-10-06", "2024-02-10..2024-02-17")),
        new HashSet<DateOnly>([D("2023-01-28"), D("2023-01-29"), D("2023-06-25"), D("2023-10-07"), D("2023-10-08"), D("2024-02-04"), D("2024-02-18")]));

    [Theory]
    [InlineData("2023-05", 23, true, "2023-05-23")] // a Tuesday: stays
    [InlineData("2023-09", 23, true, "2023-09-25")] // Saturday → Monday
    [InlineData("2023-06", 23, true, "2023-06-25")] // 端午 → the 调休 Sunday
    [InlineData("2023-06", 23, false, "2023-06-23")] // no 顺延: the nominal day even on a holiday
    [InlineData("2023-01", 23, true, "2023-01-28")] // inside 春节 → the 调休 Saturday after it
    [InlineData("2023-10", 5, true, "2023-10-07")] // inside 国庆 → the 调休 Saturday
    [InlineData("2024-02", 12, true, "2024-02-18")] // 春节 2024 → the 调休 Sunday
    [InlineData("2023-04", 30, true, "2023-05-04")] // Sunday 30 April inside the 劳动节 break (29 Apr – 3 May) → Thursday 4 May
    public void The_due_day_moves_to_the_next_working_day_only_with_holiday_shift(string period, int cutoff, bool shift, string due)
    {
        var calendar = period == "2023-04" ? WithLabourDay() : China2023;
        var days = ReportingCalendar.For(period, cutoff, WindowKind.CumulativeToCutoff, shift, new DateOnly(2023, 5, 1), calendar);
        Assert.Equal(D(due), days.DueOn);
    }

    [Theory]
    [InlineData("2023-02", 30, "2023-02-28")]
    [InlineData("2024-02", 30, "2024-02-29")]
    [InlineData("2023-04", 31, "2023-04-30")]
    [InlineData("2023-06", 25, "2023-06-25")]
    public void The_nominal_cutoff_is_clamped_to_the_month(string period, int cutoff, string nominal)
    {
        var days = ReportingCalendar.For(period, cutoff, WindowKind.CumulativeToCutoff, false, new DateOnly(2023, 5, 1), ReportingCalendar.Calendar.Empty);
        Assert.Equal(D(nominal), days.Nominal);
        Assert.Equal(D(nominal), days.AsOf);
    }

    [Theory]
    [InlineData("2023-05", "2023-04-30")] // 002's May form is as of 30 April: legitimately empty
    [InlineData("2023-06", "2023-05-31")]
    [InlineData("2024-01", "2023-12-31")] // across the year boundary
    [InlineData("2024-03", "2024-02-29")]
    public void Previous_month_end_windows_end_on_the_last_day_of_the_previous_month(string period, string asOf)
    {
        var days = ReportingCalendar.For(period, 30, WindowKind.CumulativeToPreviousMonthEnd, false, new DateOnly(2023, 5, 1), ReportingCalendar.Calendar.Empty);
        Assert.Equal(D(asOf), days.AsOf);
        Assert.Equal(new DateOnly(2023, 5, 1), days.Start);
    }

    [Fact]
    public void Year_to_date_windows_start_on_the_first_of_january_and_a_submission_after_the_due_day_is_late()
    {
        var days = ReportingCalendar.For("2024-03", 15, WindowKind.YearToDate, false, new DateOnly(2023, 5, 1), ReportingCalendar.Calendar.Empty);
        Assert.Equal(new DateOnly(2024, 1, 1), days.Start);
        Assert.Equal(new DateOnly(2024, 3, 15), days.AsOf);
        Assert.False(days.IsLate(new DateOnly(2024, 3, 15)));
        Assert.True(days.IsLate(new DateOnly(2024, 3, 16)));
        Assert.Equal(2, days.DaysLeft(new DateOnly(2024, 3, 13)));
    }

    private static ReportingCalendar.Calendar WithLabourDay() =>
        new(new HashSet<DateOnly>(Days("2023-04-29..2023-05-03")), new HashSet<DateOnly>([D("2023-04-23"), D("2023-05-06")]));

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Days(params string[] ranges) =>
        ranges.SelectMany(r =>
        {
            var parts = r.Split("..");
            var (from, to) = (D(parts[0]), D(parts[1]));
            return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
        });
}

public class FormRuleTests
{
    private static Dictionary<string, decimal> Values(params (string Key, decimal Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Every_check_names_its_item_and_rule()
    {
        var ok = Values(("hazards.self.found", 5), ("hazards.self.rectified", 5), ("spotcheck.enterprises", 3), ("spotcheck.no_drill", 3),
            ("enforcement.typical_cases", 1), ("enforcement.typical_cases.dangerous_operation_crime", 1), ("leadership.rewards.amount", 0.2m), ("leadership.rewards.anonymous_amount", 0.2m));
        Assert.Empty(FormChecks.Errors(ok));

        foreach (var (key, limit, rule, _) in Metrics.Checks)
        {
            var bad = Values((key, 2), (limit, 1));
            var finding = Assert.Single(FormChecks.Errors(bad));
            Assert.Equal(key, finding.Key);
            Assert.Equal(rule, finding.Rule);
        }
    }

    [Fact]
    public void A_value_lower_than_the_last_accepted_one_warns_for_counts_not_for_stock_figures()
    {
        var last = Values(("hazards.self.found", 10), ("spotcheck.enterprises", 4), ("leadership.technical_inspectors", 12), ("leadership.media_column", 1));
        var now = Values(("hazards.self.found", 9), ("spotcheck.enterprises", 4), ("leadership.technical_inspectors", 10), ("leadership.media_column", 0));
        var warning = Assert.Single(FormChecks.Warnings(now, last));
        Assert.Equal(("hazards.self.found", FormChecks.LowerThanAccepted), (warning.Key, warning.Rule));
        Assert.Empty(FormChecks.Warnings(now, null));
    }

    [Fact]
    public void Roll_up_rules_add_counts_and_distinct_enterprises_of_disjoint_children_and_any_for_yes_no()
    {
        Assert.Equal(7, Metrics.Combine(Metrics.Find("hazards.self.found")!, [3, 4]));
        Assert.Equal(5, Metrics.Combine(Metrics.Find("spotcheck.enterprises")!, [2, 3]));
        Assert.Equal(22, Metrics.Combine(Metrics.Find("leadership.technical_inspectors")!, [12, 10]));
        Assert.Equal(1, Metrics.Combine(Metrics.Find("leadership.media_column")!, [0, 1, 0]));
        Assert.Equal(0, Metrics.Combine(Metrics.Find("leadership.media_column")!, [0, 0]));
        Assert.Equal(2.75m, Metrics.Combine(Metrics.Find("enforcement.penalty.amount")!, [2.5m, 0.25m]));
    }

    [Fact]
    public void An_override_needs_a_reason_and_a_submitted_form_cannot_be_changed()
    {
        var computed = Values(("hazards.self.found", 5));
        var keys = new HashSet<string> { "hazards.self.found" };
        var form = new DispatchForm();
        var missing = form.Save([new FormEntry { Key = "hazards.self.found", Value = 6 }], computed, keys);
        Assert.Equal("hazards.self.found", missing!.Fields!.Keys.Single());
        Assert.NotNull(form.Save([new FormEntry { Key = "hazards.self.found", Value = -1, OverrideReason = "x" }], computed, keys));
        Assert.NotNull(form.Save([new FormEntry { Key = "unknown", Value = 1 }], computed, keys));
        Assert.Null(form.Save([new FormEntry { Key = "hazards.self.found", Value = 6, OverrideReason = "一条隐患尚未录入台账" }], computed, keys));
        Assert.Equal(6, form.Values(computed, keys)["hazards.self.found"]);

        // Taking the computed value again drops the override.
        Assert.Null(form.Save([new FormEntry { Key = "hazards.self.found", Value = 5 }], computed, keys));
        Assert.Empty(form.Entries);

        Assert.True(form.Submit([], new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, "填报人", late: false).Succeeded);
        Assert.Equal(Core.Common.ErrorKind.Conflict, form.Save([new FormEntry { Key = "hazards.self.found", Value = 5 }], computed, keys)!.Kind);
    }

    [Fact]
    public void A_manual_only_cell_is_filled_without_a_reason_and_cleared_by_an_empty_value()
    {
        var computed = Values(("hazards.self.found", 5));
        var keys = new HashSet<string> { "hazards.self.found", "manual.inspection_teams" };
        var manual = new HashSet<string> { "manual.inspection_teams" };
        var form = new DispatchForm();
        Assert.Null(form.Save([new FormEntry { Key = "manual.inspection_teams", Value = 3 }], computed, keys, manual));
        Assert.Equal(3, form.Values(computed, keys)["manual.inspection_teams"]);

        // Zero is a value too (filled: none sent), kept as an entry; a negative one is refused.
        Assert.Null(form.Save([new FormEntry { Key = "manual.inspection_teams", Value = 0 }], computed, keys, manual));
        Assert.Single(form.Entries);
        Assert.NotNull(form.Save([new FormEntry { Key = "manual.inspection_teams", Value = -1 }], computed, keys, manual));
        Assert.Null(form.Save([new FormEntry { Key = "manual.inspection_teams", Value = null }], computed, keys, manual));
        Assert.Empty(form.Entries);

        // A computed cell beside it still needs its reason.
        Assert.NotNull(form.Save([new FormEntry { Key = "hazards.self.found", Value = 9 }], computed, keys, manual));
    }

    [Fact]
    public void Every_seeded_template_binds_known_metrics_and_keeps_the_seed_wording()
    {
        foreach (var t in SeededTemplates.All)
        {
            Assert.All(t.Cells(), c => Assert.True(Metrics.IsKnown(c.Cell.Key), c.Cell.Key));
        }

        var jx = SeededTemplates.Jinxian();
        Assert.Equal(35, jx.Cells().Count());
        Assert.Equal("帮扶指导重点乡镇(个次)", jx.Sections[2].Items[0].Label);
        Assert.Equal("电气焊等特种作业岗位人员无证上岗作业(家)", jx.Sections[1].Items[5].Label);
        var hh = SeededTemplates.Honghe();
        Assert.Equal("帮扶指导重点市、县（个次）", hh.Sections[2].Items[0].Label);
        Assert.Equal("是否在省级主流媒体播放安全生产专题栏目", hh.Sections[3].Items[5].Label);
        Assert.StartsWith("审核人：", hh.FooterLines.Single());
        var gc = SeededTemplates.Gecheng();
        Assert.Equal(2, gc.Sections.Count);
        Assert.Equal("排查发现的重大事故隐患（个）", gc.Sections[0].Items[2].Label);
        Assert.Equal("spotcheck.no_all_staff_duty_list", gc.Sections[1].Items[3].Cells.Single().Key);
        Assert.Equal(WindowKind.CumulativeToPreviousMonthEnd, gc.Window);
        Assert.True(jx.HolidayShift);
        Assert.False(hh.HolidayShift || gc.HolidayShift);
    }
}

public class FormIdTests
{
    [Fact]
    public void A_form_id_follows_from_its_key_as_a_version_5_uuid()
    {
        var a = HazardPortal.Core.Dispatch.FormIds.For("JX-COUNTY-2023", "360124100000", "2023-11", 23);
        Assert.Equal(a, HazardPortal.Core.Dispatch.FormIds.For("JX-COUNTY-2023", "360124100000", "2023-11", 23));
        Assert.NotEqual(a, HazardPortal.Core.Dispatch.FormIds.For("JX-COUNTY-2023", "360124100000", "2023-12", 23));
        Assert.NotEqual(a, HazardPortal.Core.Dispatch.FormIds.For("JX-COUNTY-2023", "360124101000", "2023-11", 23));
        Assert.NotEqual(a, HazardPortal.Core.Dispatch.FormIds.For("JX-COUNTY-2023", "360124100000", "2023-11", 5));
        Assert.Equal('5', a.ToString()[14]);
        Assert.Contains(a.ToString()[19], "89ab");
    }
}

public class ResultTests
{
    [Fact]
    public void A_default_result_is_a_failure_never_a_silent_success()
    {
        var unset = default(HazardPortal.Core.Common.Result<int>);
        Assert.False(unset.Succeeded);
        Assert.Equal(HazardPortal.Core.Common.ErrorKind.Internal, unset.Error!.Kind);
        HazardPortal.Core.Common.Result<int> made = 0;
        Assert.True(made.Succeeded);
        Assert.Null(made.Error);
        HazardPortal.Core.Common.Result<int> failed = HazardPortal.Core.Common.Error.Conflict("x");
        Assert.False(failed.Succeeded);
    }
}
