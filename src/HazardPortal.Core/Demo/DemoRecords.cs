using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Demo;

/// <summary>
/// May–August 2023 field records for the demo chains, made through the domain methods: the inspections
/// behind every hazard a department or township found (signed by its inspectors), spot checks with
/// deficiencies, head-led inspections and drills with some enterprises falling behind, penalties and
/// other measures, leadership activities, facts and rewards per jurisdiction, a risk register,
/// commitment receipts (most on time, some late, some missing) and two public reports. The demo's
/// account-holding enterprises are left without receipts, head-led inspections and drills, so their
/// users can record those themselves.
/// </summary>
public static class DemoRecords
{
    private static readonly DateOnly HistoryEnd = new(2023, 8, 20);

    private sealed record Person(Guid UserId, string Name, Guid UnitId, string UnitName);

    /// <summary>
    /// Prominent problems (突出问题) found by 红河州, 蒙自市 and 进贤县 in 2023: some with a root-cause measure,
    /// some rectified, a few of a jurisdiction as a whole — the 解决突出问题 columns of 003 附件2.
    /// </summary>
    public static async Task SeedProblemsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var random = new Random(20230605);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, ct);
        var problems = new List<ProminentProblem>();
        string Title(string sector) => sector switch
        {
            _ when sector.StartsWith("GAS", StringComparison.Ordinal) => "燃气管道老化锈蚀，未按期更新改造",
            _ when sector.StartsWith("SELFBUILT", StringComparison.Ordinal) => "经营性自建房违规加层、改变用途",
            _ when sector.StartsWith("MINE", StringComparison.Ordinal) => "外包工程以包代管，作业人员未经培训上岗",
            _ when sector.StartsWith("HAZCHEM", StringComparison.Ordinal) => "特殊作业审批流于形式，动火作业无人监护",
            _ when sector.StartsWith("INDTRADE", StringComparison.Ordinal) => "有限空间作业未落实先通风、再检测、后作业",
            _ when sector.StartsWith("TRANSPORT", StringComparison.Ordinal) => "重点车辆动态监控形同虚设，超速疲劳驾驶屡查屡犯",
            _ when sector.StartsWith("FIRE", StringComparison.Ordinal) => "疏散通道堵塞，消防设施长期停用",
            _ when sector.StartsWith("PROJECTS", StringComparison.Ordinal) => "高支模、深基坑等危大工程未按方案施工",
            _ => "安全生产主体责任不落实，隐患整改不彻底",
        };

        async Task AddAsync(string userName, string prefix, int count)
        {
            var u = users[userName];
            var unitName = units[u.UnitId!.Value].Name;
            var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.JurisdictionCode.StartsWith(prefix) && !e.Disabled)
                .OrderBy(e => e.Name).Take(count).Select(e => new { e.Id, e.JurisdictionCode, e.Path, e.SectorCode }).ToListAsync(ct);
            foreach (var e in enterprises)
            {
                var on = new DateOnly(2023, random.Next(5, 9), random.Next(1, 28));
                var root = random.Next(3) > 0;
                var p = new ProminentProblem
                {
                    EnterpriseId = e.Id, SectorCode = e.SectorCode, Title = Title(e.SectorCode), On = on, RootCauseMeasure = root,
                    RootCauseDescription = root ? "制定专项整改方案，明确责任人和完成时限，纳入企业安全生产标准化管理" : null,
                    RectifiedOn = root && random.Next(3) > 0 ? on.AddDays(random.Next(7, 40)) is var r && r <= HistoryEnd ? r : null : null,
                };
                p.PlaceAt(e.JurisdictionCode, e.Path.ToString());
                p.Stamp(u.UnitId!.Value, unitName, u.Id, u.DisplayName);
                p.CreatedAt = ChinaTime.At(on, new TimeOnly(16, 0));
                problems.Add(p);
            }
        }

        await AddAsync("hh.mengzi.office", "532503", 8);
        await AddAsync("hh.office", "532502", 4);
        await AddAsync("jx.office", "360124", 6);

        // Problems of a jurisdiction as a whole.
        foreach (var (userName, code, sector, title, on, rectified) in new[]
        {
            ("hh.mengzi.office", "532503001000", "SELFBUILT", "城中村经营性自建房底商集中，消防通道不畅", new DateOnly(2023, 6, 12), (DateOnly?)null),
            ("hh.office", "532500000000", "TRANSPORT.ROAD", "山区临水临崖路段安全防护设施缺失", new DateOnly(2023, 5, 26), (DateOnly?)new DateOnly(2023, 8, 10)),
        })
        {
            var u = users[userName];
            var p = new ProminentProblem { SectorCode = sector, Title = title, On = on, RootCauseMeasure = rectified is not null, RectifiedOn = rectified,
                RootCauseDescription = rectified is not null ? "纳入年度民生实事项目，安排专项资金整治" : null };
            p.PlaceAt(code, jurisdictions[code].Path.ToString());
            p.Stamp(u.UnitId!.Value, units[u.UnitId!.Value].Name, u.Id, u.DisplayName);
            problems.Add(p);
        }

        db.ProminentProblems.AddRange(problems);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// 葛城街道's 排查表 (002 附件1) reported for May and June by the 30th and for July two days late; August not yet
    /// (due on the 30th of the demo's August). Each holds the month's township-found hazards and inspections.
    /// </summary>
    public static async Task SeedInspectionSheetsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var gecheng = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == "500229001000", ct);
        var cadre = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "gc.cadre", ct);
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.JurisdictionCode == "500229001000" && u.Kind == UnitKind.Government, ct);
        foreach (var (month, filedOn) in new[] { (5, new DateOnly(2023, 5, 30)), (6, new DateOnly(2023, 6, 29)), (7, new DateOnly(2023, 8, 1)) })
        {
            var first = new DateOnly(2023, month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            var inspections = await db.Inspections.AsNoTracking().Where(i => i.RecordedByUnitId == unit.Id && i.On >= first && i.On <= last && i.SupersededById == null).ToListAsync(ct);
            var linked = inspections.SelectMany(i => i.HazardIds).ToHashSet();
            var found = await db.Hazards.AsNoTracking().Where(h => h.Source == Hazards.HazardSource.TownshipInspection && h.Status != Hazards.HazardStatus.Voided
                && h.Path.IsDescendantOf(gecheng.Path) && h.FoundOn >= first && h.FoundOn <= last).Select(h => h.Id).ToListAsync(ct);
            var rows = inspections.Count + found.Count(id => !linked.Contains(id)); // the sheet's rows: inspections, and the hazards no inspection holds
            var due = Records.InspectionListFiling.DueOf(first);
            db.InspectionListFilings.Add(new Records.InspectionListFiling
            {
                UnitKey = gecheng.Code, UnitName = unit.Name, Path = gecheng.Path, Period = $"{first:yyyy-MM}", DueOn = due,
                SubmittedAt = ChinaTime.At(filedOn, new TimeOnly(16, 40)), SubmittedByUserId = cadre.Id, SubmittedBy = cadre.DisplayName ?? "葛城街道 冉小波", Rows = rows, Late = filedOn > due,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var random = new Random(20230510);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Code == Campaign.Default, ct);
        var withAccounts = users.Values.Where(u => u.EnterpriseId is not null).Select(u => u.EnterpriseId!.Value).ToHashSet();
        Person P(string userName)
        {
            var u = users[userName];
            return new Person(u.Id, u.DisplayName, u.UnitId!.Value, units[u.UnitId!.Value].Name);
        }

        T Stamp<T>(T record, Person by, string code)
            where T : FieldRecord
        {
            record.PlaceAt(code, jurisdictions[code].Path.ToString());
            record.Stamp(by.UnitId, by.UnitName, by.UserId, by.Name);
            record.CreatedAt = ChinaTime.At(record.On, new TimeOnly(17, 0));
            return record;
        }

        // 1. The inspection behind every hazard a department, township or office found, signed that day.
        var found = await db.Hazards.AsNoTracking()
            .Where(h => h.Source != HazardSource.SelfInspection && h.Source != HazardSource.PublicReport && h.Status != HazardStatus.Draft)
            .OrderBy(h => h.FoundOn).ToListAsync(ct);
        var byUser = users.Values.ToDictionary(u => u.Id);
        var inspections = new List<Inspection>();
        foreach (var h in found)
        {
            if (!byUser.TryGetValue(h.RegisteredByUserId, out var account) || account.UnitId is null)
            {
                continue;
            }

            var by = P(account.UserName!);
            var team = new List<(Guid, string)> { (by.UserId, by.Name) };
            if (account.UserName == "jx.yjj")
            {
                team.Add((users["jx.yjj2"].Id, users["jx.yjj2"].DisplayName));
            }

            var kind = h.Source == HazardSource.SupervisoryInspection ? InspectionKind.Supervisory : InspectionKind.Enforcement;
            var inspection = Ok(Inspection.Create(
                new InspectionContent(kind, h.FoundOn, h.EnterpriseId, h.PlaceId, null, team, [], [h.Id], $"检查发现：{h.Title}"), HistoryEnd));
            inspection.EnterpriseId = h.EnterpriseId;
            inspection.PlaceId = h.PlaceId;
            Stamp(inspection, by, h.JurisdictionCode);
            inspection.PlaceAt(h.JurisdictionCode, h.Path.ToString());
            SignAll(inspection);
            inspections.Add(inspection);
        }

        // 2. Spot checks of enterprises' self-inspection, head-led inspections, drills, risks, receipts.
        var chains = new (string Township, string Inspector, string? Second, string County)[]
        {
            ("360124100000", "jx.yjj", "jx.yjj2", "360124000000"),
            ("360124101000", "jx.yjj2", "jx.yjj", "360124000000"),
            ("532503001000", "mz.town", null, "532503000000"),
            ("500229001000", "gc.cadre", null, "500229000000"),
        };
        var actions = new List<EnforcementAction>();
        var drills = new List<Drill>();
        var risks = new List<Risk>();
        var receipts = new List<CommitmentReceipt>();
        var documentNo = 1;
        foreach (var chain in chains)
        {
            var inspector = P(chain.Inspector);
            var path = jurisdictions[chain.Township].Path;
            var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.Path.IsDescendantOf(path) && !e.Disabled).OrderBy(e => e.Name).ToListAsync(ct);
            foreach (var e in enterprises)
            {
                var code = e.JurisdictionCode;
                if (random.Next(3) > 0)
                {
                    var day = new DateOnly(2023, 6, 1).AddDays(random.Next(0, 75));
                    var deficiencies = SpotCheckDeficiencies.All.Select(d => d.Key).Where(_ => random.Next(6) == 0).Take(3).ToList();
                    var team = new List<(Guid, string)> { (inspector.UserId, inspector.Name) };
                    if (chain.Second is { } second)
                    {
                        team.Add((users[second].Id, users[second].DisplayName));
                    }

                    var spot = Ok(Inspection.Create(new InspectionContent(InspectionKind.SpotCheck, day, e.Id, null, null, team, deficiencies, [], "抽查企业自查自改情况"), HistoryEnd));
                    spot.EnterpriseId = e.Id;
                    Stamp(spot, inspector, code);
                    SignAll(spot);
                    inspections.Add(spot);

                    if (deficiencies.Count >= 2 && chain.Inspector.StartsWith("jx.", StringComparison.Ordinal))
                    {
                        var penalty = Ok(EnforcementAction.Create(new EnforcementContent(
                            EnforcementKind.Penalty, Min(day.AddDays(random.Next(5, 15)), HistoryEnd), e.Id, null, $"进应急罚〔2023〕{documentNo++}号",
                            Math.Round((decimal)(random.Next(5, 50) / 10.0), 1), null, false, null, spot.Id, "抽查发现问题，依法处罚"), HistoryEnd));
                        penalty.EnterpriseId = e.Id;
                        actions.Add(Stamp(penalty, inspector, code));
                    }
                }

                if (withAccounts.Contains(e.Id))
                {
                    continue;
                }

                // The head's own inspections: monthly (high-risk) or quarterly, with some enterprises slipping.
                var head = (DemoHazards.DeterministicId(e.Id), $"{e.Name[..Math.Min(6, e.Name.Length)]} 主要负责人");
                var reliable = random.Next(4) > 0;
                for (var month = 5; month <= 8; month++)
                {
                    if (!e.HighRisk && month is 6 or 8)
                    {
                        continue;
                    }

                    if (!reliable && month >= 7)
                    {
                        break;
                    }

                    var day = new DateOnly(2023, month, random.Next(3, month == 8 ? 20 : 26));
                    var led = Ok(Inspection.Create(new InspectionContent(InspectionKind.HeadLed, day, e.Id, null, null, [head], [], [], "主要负责人带队检查重大事故隐患排查整改情况"), HistoryEnd));
                    led.EnterpriseId = e.Id;
                    led.PlaceAt(code, e.Path.ToString());
                    led.Stamp(e.Id, e.Name, head.Item1, head.Item2);
                    led.CreatedAt = ChinaTime.At(day, new TimeOnly(17, 0));
                    SignAll(led);
                    inspections.Add(led);
                }

                if (random.Next(5) > 0)
                {
                    var drill = new Drill { On = new DateOnly(2023, 6, random.Next(5, 29)), Scenario = DrillScenario(e.SectorCode), Participants = random.Next(15, 120), EnterpriseId = e.Id };
                    drill.PlaceAt(code, e.Path.ToString());
                    drill.Stamp(e.Id, e.Name, head.Item1, "企业安全管理员");
                    drills.Add(drill);
                }

                var risk = new Risk
                {
                    On = new DateOnly(2023, 6, random.Next(1, 25)), EnterpriseId = e.Id, SectorCode = e.SectorCode, Name = RiskName(e.SectorCode),
                    BasicList = true, ControlList = random.Next(5) > 0, ResponsibilityList = random.Next(5) > 0, EmergencyList = random.Next(4) > 0,
                    AgingEquipment = random.Next(8) == 0, HighRiskEquipment = e.HighRisk && random.Next(3) == 0,
                };
                risk.PlaceAt(code, e.Path.ToString());
                risk.Stamp(e.Id, e.Name, head.Item1, "企业安全管理员");
                risks.Add(risk);

                var roll = random.Next(10);
                if (roll < 8)
                {
                    var departments = await HazardRouting.IndustryDepartmentsAsync(db, e.Id, ct);
                    var department = departments.Count > 0 ? departments[0] : null;
                    var receipt = new CommitmentReceipt
                    {
                        CampaignCode = campaign.Code, DueOn = campaign.CommitmentDueOn, EnterpriseId = e.Id,
                        On = new DateOnly(2023, 5, random.Next(3, 9)), DepartmentId = department?.Id, DepartmentName = department?.Name ?? "行业主管部门",
                    };
                    receipt.PlaceAt(code, e.Path.ToString());
                    receipt.Stamp(e.Id, e.Name, head.Item1, "企业安全管理员");
                    if (roll < 7)
                    {
                        var signedOn = roll < 6 ? new DateOnly(2023, 5, random.Next(4, 11)) : new DateOnly(2023, 5, random.Next(12, 21));
                        DemoHazards.Expect(receipt.Sign(head.Item1, head.Item2, true, ChinaTime.At(signedOn, new TimeOnly(10, 0)), signedOn));
                    }

                    receipts.Add(receipt);
                }
            }
        }

        // 3. Other measures, leadership activities, facts, rewards, public reports.
        var yjj = P("jx.yjj");
        var jxOffice = P("jx.office");
        var suspended = await db.Enterprises.AsNoTracking().Where(e => e.JurisdictionCode == "360124101000").OrderBy(e => e.Name).Select(e => e.Id).FirstAsync(ct);
        actions.Add(Stamp(Ok(EnforcementAction.Create(new EnforcementContent(EnforcementKind.Suspension, new DateOnly(2023, 7, 12), suspended, null, "进应急停〔2023〕2号", null, null, false, null, null, "责令停产整顿至隐患消除"), HistoryEnd)), yjj, "360124101000"));
        actions.Add(Stamp(Ok(EnforcementAction.Create(new EnforcementContent(EnforcementKind.DualPenalty, new DateOnly(2023, 7, 12), suspended, null, "进应急罚〔2023〕40号", 3.5m, null, false, null, null, "对企业及其主要负责人一案双罚"), HistoryEnd)), yjj, "360124101000"));
        actions.Add(Stamp(Ok(EnforcementAction.Create(new EnforcementContent(EnforcementKind.JudicialReferral, new DateOnly(2023, 7, 20), suspended, null, "进应急移〔2023〕1号", null, 2, false, null, null, "涉嫌危险作业罪移送公安机关"), HistoryEnd)), yjj, "360124101000"));
        actions.Add(Stamp(Ok(EnforcementAction.Create(new EnforcementContent(EnforcementKind.TypicalCase, new DateOnly(2023, 8, 2), suspended, null, null, null, null, true, null, null, "公布危险作业罪典型案例"), HistoryEnd)), yjj, "360124101000"));
        actions.Add(Stamp(Ok(EnforcementAction.Create(new EnforcementContent(EnforcementKind.RegionInterview, new DateOnly(2023, 8, 8), null, "360124101000", "进安办〔2023〕15号", null, null, false, null, null, "重大事故隐患整改进度滞后，约谈李渡镇"), HistoryEnd)), jxOffice, "360124000000"));
        var activities = new List<LeadershipActivity>();
        void Activity(string user, string code, LeadershipKind kind, DateOnly on, string text) =>
            activities.Add(Stamp(new LeadershipActivity { Kind = kind, On = on, Description = text }, P(user), code));
        foreach (var (office, code, name) in new[] { ("jx.office", "360124000000", "县"), ("hh.mengzi.office", "532503000000", "市"), ("ck.office", "500229000000", "县"), ("hh.office", "532500000000", "州") })
        {
            Activity(office, code, LeadershipKind.StudySession, new DateOnly(2023, 5, 9), $"{name}委常委会专题学习安全生产十五条硬措施");
            Activity(office, code, LeadershipKind.SpecialResearch, new DateOnly(2023, 5, 18), $"{name}政府常务会议专题研究重大事故隐患专项排查整治工作");
            Activity(office, code, LeadershipKind.OnsiteSupervision, new DateOnly(2023, 6, 15), $"{name}政府分管负责同志现场督导检查重点企业");
            Activity(office, code, LeadershipKind.MemberBriefing, new DateOnly(2023, 6, 20), $"{name}安委会成员单位负责同志到企业宣讲");
            Activity(office, code, LeadershipKind.OnsiteSupervision, new DateOnly(2023, 7, 18), $"{name}政府主要负责同志现场督导检查");
            Activity(office, code, LeadershipKind.AssessmentInspection, new DateOnly(2023, 8, 10), $"{name}安委会组织考核巡查督导检查");
        }

        foreach (var (cadre, code) in new[] { ("jx.minhe", "360124100000"), ("jx.lidu", "360124101000"), ("mz.town", "532503001000"), ("gc.cadre", "500229001000") })
        {
            Activity(cadre, code, LeadershipKind.StudySession, new DateOnly(2023, 5, 12), "党委会专题学习安全生产十五条硬措施");
            Activity(cadre, code, LeadershipKind.SpecialResearch, new DateOnly(2023, 5, 25), "党政主要负责同志专题研究辖区隐患排查整治");
            Activity(cadre, code, LeadershipKind.OnsiteSupervision, new DateOnly(2023, 7, 6), "镇（街道）负责同志现场督导检查");
        }

        var facts = new List<JurisdictionFact>();
        foreach (var (office, code, inspectors) in new[] { ("jx.office", "360124000000", 12), ("hh.mengzi.office", "532503000000", 9), ("ck.office", "500229000000", 7), ("hh.office", "532500000000", 30) })
        {
            facts.Add(Stamp(new JurisdictionFact { On = new DateOnly(2023, 5, 31), MediaColumn = false, TechnicalInspectors = inspectors }, P(office), code));
            facts.Add(Stamp(new JurisdictionFact { On = new DateOnly(2023, 7, 15), MediaColumn = true, TechnicalInspectors = inspectors + 3 }, P(office), code));
        }

        var rewards = new List<Reward>
        {
            Stamp(new Reward { On = new DateOnly(2023, 6, 28), AmountWan = 0.2m, Anonymous = true, Notes = "匿名举报烟花爆竹非法储存查实奖励" }, jxOffice, "360124000000"),
            Stamp(new Reward { On = new DateOnly(2023, 8, 3), AmountWan = 0.1m, Anonymous = false, Notes = "员工内部举报有限空间违规作业查实奖励" }, jxOffice, "360124000000"),
            Stamp(new Reward { On = new DateOnly(2023, 7, 21), AmountWan = 0.05m, Anonymous = true }, P("ck.office"), "500229000000"),
        };

        var reports = new List<PublicReport>
        {
            Report("360124100000", "民和镇某小作坊", "民和镇工业路旁民房", "民房内私设喷漆作坊，无通风设施，周边住户多", true, null, null, PublicReportStatus.Received, new DateOnly(2023, 8, 16), null),
            Report("360124101000", null, "李渡镇老街菜市场", "菜市场消防通道被摊位占用", false, "刘女士", "13900000000", PublicReportStatus.Dismissed, new DateOnly(2023, 7, 3), "经现场核查，摊位已按要求退让，消防通道畅通"),
        };
        PublicReport Report(string code, string? subject, string location, string description, bool anonymous, string? name, string? phone, PublicReportStatus status, DateOnly on, string? reason)
        {
            var r = new PublicReport
            {
                On = on, QueryCode = PublicReport.NewQueryCode(), SubjectName = subject, Location = location, Description = description, Anonymous = anonymous,
                ReporterName = name, ReporterPhone = phone, Status = PublicReportStatus.Received, UpdatedOn = on, RecordedBy = "公众", RecordedByUnitName = "公众举报",
            };
            r.PlaceAt(code, jurisdictions[code].Path.ToString());
            if (status == PublicReportStatus.Dismissed)
            {
                DemoHazards.Expect(r.Dismiss(reason, on.AddDays(3), jxOffice.Name));
            }

            return r;
        }

        db.Inspections.AddRange(inspections);
        db.EnforcementActions.AddRange(actions);
        db.LeadershipActivities.AddRange(activities);
        db.JurisdictionFacts.AddRange(facts);
        db.Rewards.AddRange(rewards);
        db.PublicReports.AddRange(reports);
        db.Drills.AddRange(drills);
        db.Risks.AddRange(risks);
        db.CommitmentReceipts.AddRange(receipts);
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static T Ok<T>(Common.Result<T> result)
    {
        DemoHazards.Expect(result.Error);
        return result.Value!;
    }

    private static void SignAll(Inspection inspection)
    {
        var at = ChinaTime.At(inspection.On, new TimeOnly(17, 30));
        foreach (var signer in inspection.Inspectors.Select(i => i.UserId).ToList())
        {
            DemoHazards.Expect(inspection.Sign(signer, at));
        }
    }

    private static string DrillScenario(string sector) => sector switch
    {
        var s when s.StartsWith("HAZCHEM", StringComparison.Ordinal) => "储罐区泄漏着火事故应急演练",
        var s when s.StartsWith("MINE", StringComparison.Ordinal) => "边坡坍塌事故应急演练",
        var s when s.StartsWith("PROJECTS", StringComparison.Ordinal) => "高处坠落和坍塌事故应急演练",
        "FIREWORKS" => "仓库火灾爆炸事故应急演练",
        "GAS" => "燃气泄漏事故应急演练",
        _ => "火灾事故疏散逃生演练",
    };

    private static string RiskName(string sector) => sector switch
    {
        var s when s.StartsWith("HAZCHEM", StringComparison.Ordinal) => "重大危险源储罐区泄漏爆炸风险",
        var s when s.StartsWith("MINE", StringComparison.Ordinal) => "采场边坡失稳风险",
        var s when s.StartsWith("PROJECTS", StringComparison.Ordinal) => "深基坑和高支模坍塌风险",
        "FIREWORKS" => "涉药工房爆炸风险",
        "GAS" => "燃气管网泄漏爆炸风险",
        "INDTRADE.METALLURGY" => "高温熔融金属喷溅风险",
        _ => "有限空间和粉尘作业风险",
    };
}
