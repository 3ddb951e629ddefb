using HazardPortal.Core.Authorization;
using HazardPortal.Core.Data;
using HazardPortal.Core.Hazards;
using HazardPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Demo;

/// <summary>
/// A believable May–August 2023 ledger for the demo chains: hazards in every status, found by
/// enterprises, departments and townships, some overdue, some supervised, one failed verification
/// in a while — all built through the domain methods, so every history is one the workflow allows.
/// </summary>
public static class DemoHazards
{
    private static readonly DateOnly CampaignStart = new(2023, 5, 1);
    private static readonly DateOnly HistoryEnd = new(2023, 8, 20);

    private static readonly Dictionary<string, string[]> Titles = new()
    {
        ["INDTRADE"] = ["冲床光电保护装置失效", "粉尘除尘系统未设置泄爆装置", "有限空间作业未履行审批手续", "配电箱电气线路私拉乱接", "叉车制动失灵仍在使用", "涉氨制冷车间未设气体浓度报警"],
        ["INDTRADE.METALLURGY"] = ["熔炼炉冷却水系统无断水报警", "铸造车间吊运熔融金属起重机不符合要求"],
        ["HAZCHEM"] = ["储罐区可燃气体报警器失效", "危化品仓库超量超品种储存", "装卸作业未设置静电接地", "动火作业未执行特殊作业审批"],
        ["FIREWORKS"] = ["成品仓库药物超量储存", "工房超员生产"],
        ["MINE.NONCOAL"] = ["露天采场边坡未按设计削坡", "爆破器材库管理混乱"],
        ["PROJECTS.BUILDING"] = ["深基坑未按专项方案支护", "高支模未经验收即浇筑混凝土", "塔吊起重力矩限制器失灵"],
        ["GAS"] = ["燃气管道被违章占压", "餐饮场所未安装燃气泄漏报警装置"],
        ["TRANSPORT.ROAD"] = ["营运车辆动态监控装置失效", "驾驶员超时驾驶未纠正"],
        ["SPECIAL_EQUIP"] = ["电梯维保超期", "压力容器未按期检验"],
        ["CULTURE_TOURISM"] = ["游乐设施未经检验投入使用"],
        ["FIRE"] = ["消防车通道被堵塞", "疏散出口被锁闭", "自动喷水灭火系统瘫痪"],
        ["AGRI_CONFINED"] = ["窖池有限空间作业无通风检测"],
        ["SELFBUILT"] = ["经营性自建房擅自加层", "自建房承重墙开裂未处置"],
        ["CAMPUS"] = ["学生宿舍疏散通道堆放杂物"],
        ["TRANSPORT.HIGHWAY_FACILITY"] = ["临水临崖路段防护栏缺失"],
        ["HYDRO.LT50K"] = ["泄洪闸门启闭机故障"],
        ["HYDRO.GE50K"] = ["大坝安全监测设施失效"],
    };

    private static readonly string[] Workshops = ["一车间", "二车间", "仓库", "配电房", "装卸区", "办公楼", "生产区", "储罐区"];

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var random = new Random(20230501);
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!, ct);
        var units = await db.Units.ToDictionaryAsync(u => u.Id, ct);
        HazardActor Actor(string userName, string role)
        {
            var u = users[userName];
            var unit = u.UnitId is { } id ? units[id].Name : string.Empty;
            return new HazardActor(u.Id, u.DisplayName, u.UnitId, unit, [role], u.EnterpriseId);
        }

        var finders = new Dictionary<string, (HazardActor Department, HazardActor Township, HazardActor Office)>
        {
            ["360124100000"] = (Actor("jx.yjj", Roles.DepartmentInspector), Actor("jx.minhe", Roles.TownshipCadre), Actor("jx.office", Roles.SafetyOffice)),
            ["360124101000"] = (Actor("jx.yjj2", Roles.DepartmentInspector), Actor("jx.lidu", Roles.TownshipCadre), Actor("jx.office", Roles.SafetyOffice)),
            ["532503001000"] = (Actor("mz.town", Roles.TownshipCadre), Actor("mz.town", Roles.TownshipCadre), Actor("hh.mengzi.office", Roles.SafetyOffice)),
            ["500229001000"] = (Actor("gc.cadre", Roles.TownshipCadre), Actor("gc.cadre", Roles.TownshipCadre), Actor("ck.office", Roles.SafetyOffice)),
        };

        var jurisdictions = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, ct);
        foreach (var (township, people) in finders)
        {
            var path = jurisdictions[township].Path;
            var enterprises = await db.Enterprises.Where(e => e.Path.IsDescendantOf(path)).OrderBy(e => e.Name).ToListAsync(ct);
            var places = await db.Places.Where(p => p.Path.IsDescendantOf(path)).OrderBy(p => p.Name).ToListAsync(ct);
            foreach (var enterprise in enterprises)
            {
                var account = users.Values.FirstOrDefault(u => u.EnterpriseId == enterprise.Id);
                var officer = account is null
                    ? new HazardActor(DeterministicId(enterprise.Id), "企业安全管理员", null, enterprise.Name, [Roles.EnterpriseOfficer], enterprise.Id)
                    : new HazardActor(account.Id, account.DisplayName, null, enterprise.Name, [Roles.EnterpriseOfficer], enterprise.Id);
                var count = random.Next(1, 5);
                for (var i = 0; i < count; i++)
                {
                    var byEnterprise = random.Next(10) < 6;
                    var finder = byEnterprise ? officer : random.Next(2) == 0 ? people.Department : people.Township;
                    await AddAsync(db, random, enterprise.SectorCode, SubjectKind.Enterprise, enterprise.Id, null, enterprise.JurisdictionCode, enterprise.Path.ToString(),
                        finder, officer, people.Department.Roles.Contains(Roles.DepartmentInspector) ? people.Department : people.Township, people.Office, ct);
                }
            }

            foreach (var place in places)
            {
                // A place's rectification is recorded by its manager, never by the cadre who verifies it.
                var manager = new HazardActor(DeterministicId(place.Id), "场所管理人", null, place.Name, [Roles.TownshipCadre], null);
                await AddAsync(db, random, place.SectorCode, SubjectKind.Place, null, place.Id, place.JurisdictionCode, place.Path.ToString(),
                    people.Township, manager, people.Department.Roles.Contains(Roles.DepartmentInspector) ? people.Department : people.Township, people.Office, ct);
            }
        }

        await AddRepeatAsync(db, users["jx.ent.minhe1"], Actor("jx.ent.minhe1", Roles.EnterpriseOfficer), finders["360124100000"].Department, ct);
        AddAfterPhotos(db);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// 屡查屡犯 in the demo: 民和镇's machinery works reports a dust-removal system without explosion venting in May,
    /// rectifies it and has it verified; in August the county's inspector finds the same clause broken again.
    /// </summary>
    private static async Task AddRepeatAsync(AppDbContext db, Identity.AppUser account, HazardActor officer, HazardActor inspector, CancellationToken ct)
    {
        var firm = await db.Enterprises.SingleAsync(e => e.Id == account.EnterpriseId, ct);
        RectificationPlan Plan(DateOnly found) => new()
        {
            ResponsiblePerson = "周磊", Measures = "除尘系统加装泄爆装置，整改完成前停用", Funds = 18000m, Deadline = found.AddDays(30), EmergencyPlan = "停用除尘系统，清理积尘",
        };
        HazardRegistration Registration(string title, HazardSource source, DateOnly found) => new(
            SubjectKind.Enterprise, firm.Id, null, firm.JurisdictionCode, firm.Path.ToString(), title, "粉尘爆炸危险场所除尘系统", "打磨车间", firm.SectorCode, HazardGrade.Major,
            source, "MAH-INDTRADE-2023", "第十条第（二）项", found, null, false, null, null, Plan(found), false, false, null);

        var first = Registered(Hazard.Register(Registration("打磨车间除尘系统未设置泄爆装置", HazardSource.SelfInspection, new DateOnly(2023, 5, 8)), officer, new DateOnly(2023, 5, 8)));
        db.Hazards.Add(first);
        Expect(first.Report(new DateOnly(2023, 5, 8), false, officer, new DateOnly(2023, 5, 8)));
        db.HazardRoutes.AddRange(await HazardRouting.RoutesForAsync(db, first, ct));
        Expect(first.Rectify(new DateOnly(2023, 5, 26), "已加装泄爆片并经检测合格", officer, new DateOnly(2023, 5, 26)));
        Expect(first.Verify(new DateOnly(2023, 5, 30), true, null, inspector, new DateOnly(2023, 5, 30)));

        var again = Registered(Hazard.Register(Registration("打磨车间除尘系统泄爆装置被拆除", HazardSource.DepartmentInspection, new DateOnly(2023, 8, 16)), inspector, new DateOnly(2023, 8, 16)));
        db.Hazards.Add(again);
        db.HazardRoutes.AddRange(await HazardRouting.RoutesForAsync(db, again, ct));
    }

    /// <summary>A 1×1 grey PNG: the demo's stand-in for a photo of the rectified site.</summary>
    private static readonly byte[] SitePhoto = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==");

    /// <summary>A site photo as an inspector takes it (a machine with its guard missing), drawn for the demo.</summary>
    private static readonly Lazy<byte[]> BeforePhoto = new(() =>
    {
        using var stream = typeof(DemoHazards).Assembly.GetManifestResourceStream("HazardPortal.Core.Demo.site-before.png")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>
    /// A hazard an official found carries the photo taken where it was found (整改前), which the 排查表's 排查图片 shows.
    /// </summary>
    public static async Task SeedBeforePhotosAsync(AppDbContext db, CancellationToken ct = default)
    {
        foreach (var hazard in await db.Hazards.AsNoTracking()
                     .Where(h => (h.Source == HazardSource.TownshipInspection || h.Source == HazardSource.DepartmentInspection) && h.Status != HazardStatus.Draft).ToListAsync(ct))
        {
            db.HazardPhotos.Add(new HazardPhoto
            {
                HazardId = hazard.Id, EnterpriseId = hazard.EnterpriseId, Path = hazard.Path, Stage = PhotoStage.Before, ContentType = "image/png", Size = BeforePhoto.Value.Length,
                Content = BeforePhoto.Value, CapturedAt = ChinaTime.At(hazard.FoundOn, new TimeOnly(10, 0)),
                UploadedAt = ChinaTime.At(hazard.FoundOn, new TimeOnly(10, 5)), UploadedByUserId = hazard.RegisteredByUserId,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Most rectified hazards carry an after-photo taken the day they were rectified; about one in eight does not,
    /// which the 已整改无整改后照片 flag then finds (chosen by the hazard's own data, so the history stays the same).
    /// </summary>
    private static void AddAfterPhotos(AppDbContext db)
    {
        foreach (var hazard in db.ChangeTracker.Entries<Hazard>().Select(e => e.Entity).Where(h => h.RectifiedOn is not null && h.RectifiedByUserId is not null).ToList())
        {
            if ((hazard.FoundOn.DayNumber + hazard.Title.Length) % 8 == 0)
            {
                continue;
            }

            db.HazardPhotos.Add(new HazardPhoto
            {
                HazardId = hazard.Id, EnterpriseId = hazard.EnterpriseId, Path = hazard.Path, Stage = PhotoStage.After, ContentType = "image/png", Size = SitePhoto.Length,
                Content = SitePhoto, CapturedAt = ChinaTime.At(hazard.RectifiedOn!.Value, new TimeOnly(15, 0)),
                UploadedAt = ChinaTime.At(hazard.RectifiedOn!.Value, new TimeOnly(15, 5)), UploadedByUserId = hazard.RectifiedByUserId!.Value,
            });
        }
    }

    private static async Task AddAsync(AppDbContext db, Random random, string sector, SubjectKind kind, Guid? enterpriseId, Guid? placeId, string code, string path,
        HazardActor finder, HazardActor rectifier, HazardActor verifier, HazardActor office, CancellationToken ct)
    {
        var pool = Titles.TryGetValue(sector, out var t) ? t : Titles.First(x => sector.StartsWith(x.Key, StringComparison.Ordinal) || x.Key.StartsWith(sector, StringComparison.Ordinal)).Value;
        var found = CampaignStart.AddDays(random.Next(0, HistoryEnd.DayNumber - CampaignStart.DayNumber - 10));
        var major = random.Next(10) < 7;
        var immediate = finder.IsEnterpriseUser && random.Next(12) == 0;
        var deadline = random.Next(10) < 8 ? found.AddDays(random.Next(7, 45)) : new DateOnly(2027, 3, 31);
        var plan = new RectificationPlan
        {
            ResponsiblePerson = rectifier.Name.Length > 6 ? rectifier.Name[^3..] : rectifier.Name,
            Measures = "制定整改方案，落实防护措施，整改完成前加强监护",
            Funds = random.Next(5, 300) * 100m,
            Deadline = deadline,
            EmergencyPlan = "设置警戒区域，停用相关设备，落实专人值守",
        };
        var draft = finder.IsEnterpriseUser && major && random.Next(25) == 0;
        var registration = new HazardRegistration(kind, enterpriseId, placeId, code, path, pool[random.Next(pool.Length)], "排查中发现，现场拍照取证", Workshops[random.Next(Workshops.Length)],
            sector, major ? HazardGrade.Major : HazardGrade.General, HazardRules.SourceFor(finder)!.Value, null, null, found, null, immediate,
            immediate ? found : null, immediate ? "现场立即整改完毕" : null, draft ? new RectificationPlan() : plan, random.Next(3) == 0, false, null);
        var hazard = Hazard.Register(registration, finder, found).Value!;
        db.Hazards.Add(hazard);
        if (hazard.Status == HazardStatus.Draft)
        {
            return;
        }

        // The story of this hazard, each step on its own day, each through the workflow.
        var day = found;
        DateOnly Next(int max) => day = Min(day.AddDays(random.Next(1, max)), HistoryEnd);
        var fate = random.Next(100);
        if (hazard.Status == HazardStatus.Registered)
        {
            if (fate < 5)
            {
                return;
            }

            // found ≤ reported ≤ rectified: a hazard fixed on the spot is reported the same day.
            var reportedOn = hazard.RectifiedOn ?? Next(3);
            Expect(hazard.Report(reportedOn, hazard.ReportedToWorkersCongress, finder, reportedOn));
        }

        db.HazardRoutes.AddRange(await HazardRouting.RoutesForAsync(db, hazard, ct));
        if (fate is >= 5 and < 9)
        {
            Expect(hazard.Void("与已登记隐患重复", office, Next(5)));
            return;
        }

        if (major && fate % 7 == 0)
        {
            Expect(hazard.Supervise(SupervisionLevel.County, Next(10), day.AddDays(20), office.UnitId!.Value, office.UnitName, office, day,
                $"{office.UnitName.Replace("安委办", "安办", StringComparison.Ordinal)}督〔2023〕{hazard.Title.Length % 9 + 1}号", "限期完成整改并报送整改报告；整改期间落实临时管控措施，乡镇每周现场核查一次"));
        }

        if (hazard.Status == HazardStatus.Reported)
        {
            if (fate < 30)
            {
                if (fate % 4 == 0 && hazard.Plan.Deadline is { } d && d < HistoryEnd)
                {
                    Expect(hazard.Extend(d.AddDays(30), "整改所需设备采购周期较长", "分管副局长", rectifier, Min(d, HistoryEnd)));
                }

                return;
            }

            Expect(hazard.Rectify(Next(20), "已按方案整改完成，现场复查符合要求", rectifier, day));
        }

        if (fate < 45)
        {
            return;
        }

        if (fate % 11 == 0)
        {
            Expect(hazard.Verify(Next(5), false, "整改不彻底，需补充防护措施", verifier, day));
            Expect(hazard.Rectify(Next(10), "已补充防护措施", rectifier, day));
        }

        Expect(hazard.Verify(Next(7), true, null, verifier, day));
        if (hazard.Supervision is { RemovedOn: null })
        {
            Expect(hazard.Unsupervise(Next(5), office, day));
        }
    }

    private static Hazard Registered(Common.Result<Hazard> result)
    {
        Expect(result.Error);
        return result.Value!;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    internal static Guid DeterministicId(Guid seed)
    {
        var bytes = seed.ToByteArray();
        bytes[0] ^= 0x5A;
        return new Guid(bytes);
    }

    internal static void Expect(Common.Error? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException("Demo history broke a workflow rule: " + string.Join("; ", error.Messages));
        }
    }
}
