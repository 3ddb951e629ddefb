using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Core.ReferenceData;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Demo;

/// <summary>
/// The demo (API.md "Demo data"): governments and 安委办 for every node, departments for the demo
/// chains, invented enterprises with valid credit codes, places, and the demo accounts. Runs once,
/// only in the demo mode of ./portal run, under the system scope. Deterministic (fixed seed).
/// </summary>
public static class DemoSeeder
{
    public const string Password = "Demo#2023";

    /// <summary>Jurisdictions whose governments get a full set of departments, with their short names.</summary>
    public static readonly IReadOnlyDictionary<string, string> DepartmentJurisdictions = new Dictionary<string, string>
    {
        ["360124000000"] = "进贤县",
        ["532500000000"] = "红河州",
        ["532503000000"] = "蒙自市",
        ["500229000000"] = "城口县",
        ["340600000000"] = "淮北市",
    };

    /// <summary>Demo townships that get a few dozen enterprises each (the rest of their county gets a handful).</summary>
    public static readonly IReadOnlyList<string> DemoTownships = ["360124100000", "360124101000", "532503001000", "500229001000"];

    private static readonly (string Name, string Type, string[] Sectors)[] DepartmentTemplates =
    [
        ("应急管理局", "应急管理部门", ["MINE", "MINE.COAL", "MINE.NONCOAL", "HAZCHEM", "INDTRADE", "INDTRADE.METALLURGY", "FIREWORKS"]),
        ("住房和城乡建设局", "住房城乡建设部门", ["PROJECTS.BUILDING", "GAS", "SELFBUILT"]),
        ("交通运输局", "交通运输部门", ["TRANSPORT", "TRANSPORT.ROAD", "TRANSPORT.WATER", "TRANSPORT.URBAN_RAIL", "PROJECTS.HIGHWAY", "PROJECTS.WATERWAY"]),
        ("公安局", "公安部门", ["ROAD_TRAFFIC"]),
        ("消防救援大队", "消防救援部门", ["FIRE"]),
        ("市场监督管理局", "市场监管部门", ["SPECIAL_EQUIP"]),
        ("农业农村局", "农业农村部门", ["FISHING_VESSEL", "AGRI_MACHINERY", "AGRI_CONFINED"]),
        ("文化广电旅游局", "文化和旅游部门", ["CULTURE_TOURISM", "CULTURE_TOURISM.TOURISM"]),
        ("教育体育局", "教育部门", ["CAMPUS"]),
        ("发展和改革委员会", "发展改革部门", ["ENERGY"]),
    ];

    private static readonly string[] TradeNames =
    [
        "鑫达", "恒通", "华盛", "宏远", "金泰", "永盛", "瑞丰", "博远", "兴旺", "顺达", "天成", "嘉禾", "德润", "华兴", "同创",
        "正泰", "新源", "丰华", "安泰", "立信", "中联", "佳和", "明辉", "东升", "汇丰", "宝隆", "广源", "盛世", "荣达", "启航",
        "长青", "富民", "信达", "晨光", "万通", "联丰", "金鼎", "润泽", "弘毅", "祥和",
    ];

    private static readonly (string Sector, string Business, int Weight)[] Businesses =
    [
        ("INDTRADE", "机械制造", 5), ("INDTRADE", "家具制造", 4), ("INDTRADE", "食品加工", 3), ("INDTRADE", "纺织服装", 3),
        ("INDTRADE", "酒业", 2), ("INDTRADE.METALLURGY", "铸造", 2), ("HAZCHEM", "化工", 2), ("HAZCHEM", "危险化学品经营", 2),
        ("FIREWORKS", "烟花爆竹经营", 1), ("MINE.NONCOAL", "矿业", 1), ("PROJECTS.BUILDING", "建筑工程", 3), ("GAS", "燃气", 1),
        ("TRANSPORT.ROAD", "运输", 2), ("SPECIAL_EQUIP", "电梯安装维修", 1), ("CULTURE_TOURISM", "旅游开发", 1),
        ("FIRE", "商贸城", 2), ("AGRI_CONFINED", "农产品加工", 1),
    ];

    /// <summary>
    /// Seeds each piece of the demo that is not there yet: the organisations, enterprises and accounts
    /// once, then each later piece's history (the ledger, …) when its tables are empty, so a demo
    /// database made by an earlier version gets the new history on its next start.
    /// </summary>
    public static async Task<bool> SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        var seeded = await SeedBaseAsync(db, ct);
        if (!await db.Hazards.AnyAsync(ct))
        {
            await DemoHazards.SeedAsync(db, ct);
            seeded = true;
        }

        if (!await db.HazardPhotos.AnyAsync(p => p.Stage == Hazards.PhotoStage.Before, ct))
        {
            await DemoHazards.SeedBeforePhotosAsync(db, ct);
            seeded = true;
        }

        if (!await db.Inspections.AnyAsync(ct))
        {
            await DemoRecords.SeedAsync(db, ct);
            seeded = true;
        }

        if (!await db.InspectionListFilings.AnyAsync(ct))
        {
            await DemoRecords.SeedInspectionSheetsAsync(db, ct);
            seeded = true;
        }

        if (!await db.DispatchIssues.AnyAsync(ct))
        {
            await DemoDispatch.SeedIssuesAsync(db, ct);
            seeded = true;
        }

        if (!await db.DispatchIssues.AnyAsync(i => i.TemplateCode == Dispatch.SectorMatrix.TemplateCode, ct))
        {
            await DemoDispatch.SeedSectorIssueAsync(db, ct);
            seeded = true;
        }

        if (!await db.CampaignTasks.AnyAsync(ct))
        {
            await DemoDispatch.SeedTasksAsync(db, ct);
            seeded = true;
        }

        if (!await db.ProminentProblems.AnyAsync(ct))
        {
            await DemoRecords.SeedProblemsAsync(db, ct);
            seeded = true;
        }

        if (!await db.DispatchForms.AnyAsync(ct))
        {
            await DemoDispatch.SeedFormsAsync(db, ct);
            seeded = true;
        }

        if (!await db.Deliverables.AnyAsync(ct))
        {
            await DemoDispatch.SeedCampaignPlanAsync(db, ct);
            seeded = true;
        }

        return seeded;
    }

    private static async Task<bool> SeedBaseAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.UserName == "admin", ct))
        {
            return false;
        }

        var random = new Random(2023);
        // The demo's places are the reference rows of data/jurisdictions.csv; the rest of the NBS list (when imported) is
        // in the tree but not onboarded: no unit, no enterprise.
        var demoCodes = ReferenceData.ReferenceDataImporter.Jurisdictions().Select(r => r.Code).Append(Jurisdiction.RootCode).ToList();
        var jurisdictions = await db.Jurisdictions.Where(j => demoCodes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, ct);
        var units = new Dictionary<string, Unit>();

        Unit AddUnit(string code, string name, UnitKind kind, string? type = null, List<string>? sectorCodes = null)
        {
            var unit = new Unit
            {
                Name = name,
                Kind = kind,
                JurisdictionCode = code,
                Path = jurisdictions[code].Path,
                DepartmentType = type,
                SectorCodes = sectorCodes ?? [],
            };
            db.Units.Add(unit);
            units[$"{code}:{name}"] = unit;
            return unit;
        }

        var operations = AddUnit(Jurisdiction.RootCode, "系统运维中心", UnitKind.Operations);
        var national = AddUnit(Jurisdiction.RootCode, "国务院安委会办公室", UnitKind.SafetyOffice);
        foreach (var j in jurisdictions.Values.Where(j => j.Level != JurisdictionLevel.National))
        {
            if (j.Code == "500200000000")
            {
                continue; // NBS grouping 县 of Chongqing: a statistical node, not a government.
            }

            AddUnit(j.Code, GovernmentName(j), UnitKind.Government);
            if (j.Level is JurisdictionLevel.Province or JurisdictionLevel.Prefecture or JurisdictionLevel.County)
            {
                AddUnit(j.Code, ShortName(j) + "安委办", UnitKind.SafetyOffice);
            }
        }

        foreach (var (code, shortName) in DepartmentJurisdictions)
        {
            foreach (var (name, type, sectorCodes) in DepartmentTemplates)
            {
                AddUnit(code, shortName + name, UnitKind.Department, type, [.. sectorCodes]);
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var code in DepartmentJurisdictions.Keys)
        {
            await LeadDepartments.SeedAsync(db, code, ct);
        }

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, ct);
        var places = AddPlaces(db, jurisdictions);
        await db.SaveChangesAsync(ct);

        var usedNames = new HashSet<string>();
        var usedCodes = new HashSet<string>();
        Enterprise AddEnterprise(string code, string name, string sector, bool? highRisk = null)
        {
            var j = jurisdictions[code];
            var uscc = NewCreditCode(random, code, usedCodes);
            var e = new Enterprise
            {
                Name = name,
                Uscc = uscc,
                JurisdictionCode = code,
                Path = j.Path,
                SectorCode = sector,
                HighRisk = highRisk ?? sectors[sector].DefaultsEnterpriseToHighRisk,
                Address = $"{AncestorNames(jurisdictions, j)}{random.Next(1, 300)}号",
                LegalRepresentative = RandomPerson(random),
                ContactPhone = "1" + random.Next(3, 9) + random.NextInt64(100000000, 999999999),
            };
            usedNames.Add(name);
            db.Enterprises.Add(e);
            return e;
        }

        var minhe1 = AddEnterprise("360124100000", "进贤县民和鑫达机械制造有限公司", "INDTRADE", highRisk: false);
        var minhe2 = AddEnterprise("360124100000", "进贤县民和恒通化工有限公司", "HAZCHEM", highRisk: true);
        var lidu1 = AddEnterprise("360124101000", "进贤县李渡华盛酒业有限公司", "INDTRADE", highRisk: false);

        // Counties whose townships are not in the reference data (淮北's districts, 红河's other
        // counties) carry a few enterprises at the county node, so every demo office has a ledger.
        var countiesWithoutTownships = jurisdictions.Values
            .Where(j => j.Level == JurisdictionLevel.County && jurisdictions.Values.All(t => t.ParentCode != j.Code));
        foreach (var county in countiesWithoutTownships.OrderBy(j => j.Code))
        {
            for (var i = 0; i < 4; i++)
            {
                var (sector, business) = PickBusiness(random);
                string name;
                do
                {
                    name = $"{county.Name}{TradeNames[random.Next(TradeNames.Length)]}{business}有限公司";
                }
                while (usedNames.Contains(name));

                AddEnterprise(county.Code, name, sector);
            }
        }

        foreach (var township in jurisdictions.Values.Where(j => j.Level == JurisdictionLevel.Township).OrderBy(j => j.Code))
        {
            var isDemo = DemoTownships.Contains(township.Code);
            var count = isDemo ? 30 : township.Code.StartsWith("3601", StringComparison.Ordinal) || township.Code.StartsWith("532503", StringComparison.Ordinal) ? 5 : 2;
            var villages = jurisdictions.Values.Where(v => v.ParentCode == township.Code).ToList();
            var shortName = ShortName(township);
            for (var i = 0; i < count; i++)
            {
                var (sector, business) = PickBusiness(random);
                string name;
                do
                {
                    name = $"{CountyPrefix(jurisdictions, township)}{shortName}{TradeNames[random.Next(TradeNames.Length)]}{business}有限公司";
                }
                while (usedNames.Contains(name));

                var node = villages.Count > 0 && random.Next(3) > 0 ? villages[random.Next(villages.Count)].Code : township.Code;
                var enterprise = AddEnterprise(node, name, sector);
                if (places.TryGetValue(township.Code, out var park) && random.Next(4) == 0)
                {
                    enterprise.ParkId = park.Id;
                }

                enterprise.AccidentProne = random.Next(12) == 0;
                enterprise.SupervisingLevel = enterprise.HighRisk && random.Next(6) == 0 ? SupervisingLevel.Prefecture : SupervisingLevel.County;
            }
        }

        await db.SaveChangesAsync(ct);
        await AddUsersAsync(db, units, operations, national, minhe1, minhe2, lidu1, ct);
        return true;
    }

    private static Dictionary<string, Place> AddPlaces(AppDbContext db, Dictionary<string, Jurisdiction> jurisdictions)
    {
        var parks = new Dictionary<string, Place>();
        Place Add(string code, string name, string sector, string address, bool park = false, decimal? kw = null)
        {
            var place = new Place
            {
                Name = name,
                JurisdictionCode = code,
                Path = jurisdictions[code].Path,
                SectorCode = sector,
                Address = address,
                IsPark = park,
                CapacityKw = kw,
            };
            db.Places.Add(place);
            return place;
        }

        parks["360124100000"] = Add("360124401000", "江西进贤经济开发区", "PARKS", "进贤县民和镇开发区大道", park: true);
        Add("360124100000", "民和镇中心小学", "CAMPUS", "进贤县民和镇学府路8号");
        Add("360124100000", "民和镇老街自建房（经营性）集中片区", "SELFBUILT", "进贤县民和镇老街");
        Add("360124100000", "民和镇城镇燃气管网", "GAS", "进贤县民和镇");
        Add("360124101000", "李渡镇G320国道李渡段", "TRANSPORT.HIGHWAY_FACILITY", "进贤县李渡镇");
        Add("360124101000", "李渡镇农贸市场", "FIRE", "进贤县李渡镇解放街");
        Add("532503001000", "文澜街道天马路自建房片区", "SELFBUILT", "蒙自市文澜街道天马路");
        Add("532503001000", "蒙自市第一中学", "CAMPUS", "蒙自市文澜街道");
        parks["532503001000"] = Add("532503102000", "红河综合保税区（蒙自片区）", "PARKS", "蒙自市草坝镇", park: true);
        Add("500229001000", "城口县任河水电站", "HYDRO.LT50K", "城口县葛城街道任河", kw: 32000m);
        Add("500229102000", "城口县巴山水电站", "HYDRO.GE50K", "城口县巴山镇", kw: 140000m);
        Add("500229001001", "土城社区老旧小区燃气管网", "GAS", "城口县葛城街道土城社区");
        Add("500229001203", "东方红二村自建房", "SELFBUILT", "城口县葛城街道东方红二村");
        return parks;
    }

    private static async Task AddUsersAsync(AppDbContext db, Dictionary<string, Unit> units, Unit operations, Unit national, Enterprise minhe1, Enterprise minhe2, Enterprise lidu1, CancellationToken ct)
    {
        var hasher = new PasswordHasher<AppUser>();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, ct);
        string? hash = null;

        Unit U(string code, string name) => units[$"{code}:{name}"];

        void Add(string userName, string displayName, string role, Unit? unit = null, Enterprise? enterprise = null)
        {
            var user = new AppUser
            {
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = displayName,
                UnitId = unit?.Id,
                EnterpriseId = enterprise?.Id,
                LockoutEnabled = true,
            };
            hash ??= hasher.HashPassword(user, Password);
            user.PasswordHash = hash;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role].Id });
        }

        Add("admin", "系统管理员", Roles.SystemAdmin, operations);
        Add("secadmin", "安全管理员", Roles.SecurityAdmin, operations);
        Add("auditor", "安全审计员", Roles.Auditor, operations);
        Add("nat.office", "国务院安委办值班员", Roles.SafetyOffice, national);
        Add("jx.office", "进贤县安委办 刘晓梅", Roles.SafetyOffice, U("360124000000", "进贤县安委办"));
        Add("jx.yjj", "进贤县应急管理局 王建国", Roles.DepartmentInspector, U("360124000000", "进贤县应急管理局"));
        Add("jx.yjj2", "进贤县应急管理局 陈志强", Roles.DepartmentInspector, U("360124000000", "进贤县应急管理局"));
        Add("jx.zjj", "进贤县住建局 李文华", Roles.DepartmentInspector, U("360124000000", "进贤县住房和城乡建设局"));
        Add("jx.minhe", "民和镇 张伟", Roles.TownshipCadre, U("360124100000", "民和镇人民政府"));
        Add("jx.lidu", "李渡镇 黄丽", Roles.TownshipCadre, U("360124101000", "李渡镇人民政府"));
        Add("jx.ent.minhe1", "鑫达机械 安全员 周磊", Roles.EnterpriseOfficer, enterprise: minhe1);
        Add("jx.ent.minhe1.head", "鑫达机械 总经理 吴刚", Roles.EnterpriseHead, enterprise: minhe1);
        Add("jx.ent.minhe2", "恒通化工 安全员 赵敏", Roles.EnterpriseOfficer, enterprise: minhe2);
        Add("jx.ent.lidu1", "华盛酒业 安全员 孙浩", Roles.EnterpriseOfficer, enterprise: lidu1);
        Add("hh.office", "红河州安委办 杨春燕", Roles.SafetyOffice, U("532500000000", "红河州安委办"));
        Add("hh.mengzi.office", "蒙自市安委办 李俊", Roles.SafetyOffice, U("532503000000", "蒙自市安委办"));
        Add("ck.office", "城口县安委办 向红", Roles.SafetyOffice, U("500229000000", "城口县安委办"));
        Add("gc.cadre", "葛城街道 冉小波", Roles.TownshipCadre, U("500229001000", "葛城街道办事处"));
        Add("hb.office", "淮北市安委办 马骏", Roles.SafetyOffice, U("340600000000", "淮北市安委办"));
        Add("mz.town", "文澜街道 普丽", Roles.TownshipCadre, U("532503001000", "文澜街道办事处"));
        await db.SaveChangesAsync(ct);
    }

    public static string GovernmentName(Jurisdiction j) => j.Level switch
    {
        JurisdictionLevel.Village => j.Name,
        JurisdictionLevel.Township when j.Name.EndsWith("街道", StringComparison.Ordinal) => j.Name + "办事处",
        JurisdictionLevel.Township when !j.Name.EndsWith('镇') && !j.Name.EndsWith('乡') => j.Name,
        _ => j.Name + "人民政府",
    };

    /// <summary>The short name used in unit names (红河哈尼族彝族自治州 → 红河州).</summary>
    public static string ShortName(Jurisdiction j) =>
        j.Code == "532500000000" ? "红河州" : j.Name;

    private static string CountyPrefix(Dictionary<string, Jurisdiction> all, Jurisdiction township) =>
        township.ParentCode is { } p && all.TryGetValue(p, out var county) ? county.Name : string.Empty;

    private static string AncestorNames(Dictionary<string, Jurisdiction> all, Jurisdiction j)
    {
        var names = new List<string>();
        for (var node = j; node is not null && node.Level >= JurisdictionLevel.County; node = node.ParentCode is { } p ? all.GetValueOrDefault(p) : null)
        {
            names.Insert(0, node.Name);
        }

        return string.Concat(names);
    }

    private static (string Sector, string Business) PickBusiness(Random random)
    {
        var total = Businesses.Sum(b => b.Weight);
        var pick = random.Next(total);
        foreach (var b in Businesses)
        {
            pick -= b.Weight;
            if (pick < 0)
            {
                return (b.Sector, b.Business);
            }
        }

        return (Businesses[0].Sector, Businesses[0].Business);
    }

    private static string NewCreditCode(Random random, string jurisdictionCode, HashSet<string> used)
    {
        string code;
        do
        {
            var body = string.Concat(Enumerable.Range(0, 7).Select(_ => CreditCode.Charset[random.Next(CreditCode.Charset.Length)]));
            code = CreditCode.Complete("91" + jurisdictionCode[..6] + "MA" + body);
        }
        while (!used.Add(code));

        return code;
    }

    private static string RandomPerson(Random random)
    {
        string[] family = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "罗", "熊"];
        string[] given = ["建华", "志强", "秀英", "海燕", "国平", "晓东", "春梅", "军", "敏", "伟", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"];
        return family[random.Next(family.Length)] + given[random.Next(given.Length)];
    }

    /// <summary>Names of every jurisdiction row that the reference import must have created (for tests).</summary>
    public static IEnumerable<string> ExpectedJurisdictionCodes() =>
        ReferenceDataImporter.Jurisdictions().Select(r => r.Code).Append(Jurisdiction.RootCode);
}
