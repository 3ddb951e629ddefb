namespace HazardPortal.Core.Dispatch;

/// <summary>
/// The seeded templates, word for word from the seeds (generated from their tables; see ADR 0010):
/// <c>JX-COUNTY-2023</c> (001), <c>HH-PREF-2023</c> (003 附件1), <c>GC-VILLAGE-2023</c> (002 附件2).
/// </summary>
public static class SeededTemplates
{
    public const string JinxianCounty = "JX-COUNTY-2023";
    public const string HonghePrefecture = "HH-PREF-2023";
    public const string GechengVillage = "GC-VILLAGE-2023";

    public static IReadOnlyList<DispatchTemplate> All => [Jinxian(), Honghe(), Gecheng(), SectorMatrix.Template()];

    public static DispatchTemplate Jinxian() => new()
    {
        Code = JinxianCounty,
        Name = "进贤县重大事故隐患专项排查整治进展情况调度表",
        Title = "进贤县重大事故隐患专项排查整治 进展情况调度表",
        UnitCaption = "(单位)",
        Source = "001 附件",
        IssuedAt = [JurisdictionLevel.County],
        CutoffDay = 23,
        Window = WindowKind.CumulativeToCutoff,
        HolidayShift = true,
        CampaignCode = Records.Campaign.Default,
        Sections = [
        new("总体情况",
            [
                new(1, "企业自查发现的重大事故隐患(个)", [new("hazards.self.found")]),
                new(2, "企业自查发现重大事故隐患中已完成整改的(个)", [new("hazards.self.rectified")]),
                new(3, "部门检查发现的重大事故隐患(个)", [new("hazards.dept.found")]),
                new(4, "部门检查发现重大事故隐患中已完成整改的(个)", [new("hazards.dept.rectified")]),
                new(5, "政府挂牌督办的重大事故隐患(个)", [new("hazards.supervised")]),
                new(6, "挂牌督办重大事故隐患中已完成整改的(个)", [new("hazards.supervised.rectified")]),
            ]),
        new("对企业自查自改进行抽查检查情况",
            [
                new(1, "部门抽查检查的企业总数(家)", [new("spotcheck.enterprises")]),
                new(2, "企业主要负责人未按要求亲自研究排查整治工作(家)", [new("spotcheck.head_not_studied")]),
                new(3, "企业主要负责人未带队检查(家)", [new("spotcheck.head_not_led_inspection")]),
                new(4, "企业未制定分管负责人职责清单(家)", [new("spotcheck.no_duty_list")]),
                new(5, "企业未依法建立安全管理机构和配足安全管理人员(家)", [new("spotcheck.no_safety_org")]),
                new(6, "电气焊等特种作业岗位人员无证上岗作业(家)", [new("spotcheck.uncertified_special_work")]),
                new(7, "外包外租安全管理混乱(家)", [new("spotcheck.outsourcing_chaos")]),
                new(8, "未按规定开展应急演练、员工不熟悉逃生出口(家)", [new("spotcheck.no_drill")]),
            ]),
        new("部门精准严格执法情况",
            [
                new(1, "帮扶指导重点乡镇(个次)", [new("assist.key_regions")]),
                new(2, "帮扶指导重点企业(家次)", [new("assist.key_enterprises")]),
                new(3, "行政处罚(次, 万元)", [new("enforcement.penalty.count"), new("enforcement.penalty.amount")]),
                new(4, "企业和企业主要负责人“一案双罚”(次)", [new("enforcement.dual_penalty")]),
                new(5, "移送司法机关(人)", [new("enforcement.judicial_referral.persons")]),
                new(6, "责令停产整顿(家)", [new("enforcement.suspension.enterprises")]),
                new(7, "曝光、约谈、联合惩戒企业(家)", [new("enforcement.exposure.enterprises")]),
                new(8, "公布典型执法案例(个, 其中危险作业罪案例(个)", [new("enforcement.typical_cases"), new("enforcement.typical_cases.dangerous_operation_crime")]),
                new(9, "责任倒查追责问责(人)", [new("enforcement.accountability.persons")]),
                new(10, "约谈通报有关地区及部门(次)", [new("enforcement.interviews")]),
            ]),
        new("党委政府组织领导情况",
            [
                new(1, "党委政府分别组织专题学习安全生产十五条硬措施(次)", [new("leadership.study_sessions")]),
                new(2, "党委政府主要负责同志分别专题研究(次)", [new("leadership.special_research")]),
                new(3, "政府负责同志分别现场督导检查(次)", [new("leadership.onsite_supervision")]),
                new(4, "县安委会成员单位负责同志分别到企业宣讲(次)", [new("leadership.member_briefings")]),
                new(5, "举报奖励(万元), 其中匿名举报查实奖励(万元)", [new("leadership.rewards.amount"), new("leadership.rewards.anonymous_amount")]),
                new(6, "是否在主流媒体设置安全生产专题栏目", [new("leadership.media_column")]),
                new(7, "配备专兼职技术检查员数量(人)", [new("leadership.technical_inspectors")]),
                new(8, "组织开展考核巡查督导检查(次)", [new("leadership.assessment_inspections")]),
            ]),
        ],
        Notes = ["注：1. 调度表于每月 23 日前报送县安委办，遇节假日顺延；统计专项整治开展以来的累计数据。", "2. 调度表内容应围绕专项排查整治工作并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。如，电气焊等人员无证上岗作业，既要通过现场检查发现问题，也要通过对企业动火等特种作业存单进行检查核实来发现问题；外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。", "3. 重点企业帮扶指导：指非执法检查性质的对重点企业安全生产技术或管理层面进行提升改进。"],
    };

    public static DispatchTemplate Honghe() => new()
    {
        Code = HonghePrefecture,
        Name = "全州重大事故隐患专项排查整治2023行动进展情况调度表",
        Title = "全州重大事故隐患专项排查整治2023行动进展情况调度表",
        UnitCaption = "填报单位：",
        Source = "003 附件1",
        IssuedAt = [JurisdictionLevel.Prefecture, JurisdictionLevel.County],
        CutoffDay = 25,
        Window = WindowKind.CumulativeToCutoff,
        HolidayShift = false,
        CampaignCode = Records.Campaign.Default,
        Sections = [
        new("总体情况",
            [
                new(1, "企业自查发现的重大事故隐患（个）", [new("hazards.self.found")]),
                new(2, "企业自查发现重大事故隐患中已完成整改的（个）", [new("hazards.self.rectified")]),
                new(3, "部门检查发现的重大事故隐患（个）", [new("hazards.dept.found")]),
                new(4, "部门检查发现重大事故隐患中已完成整改的（个）", [new("hazards.dept.rectified")]),
                new(5, "政府挂牌督办的重大事故隐患（个）", [new("hazards.supervised")]),
                new(6, "挂牌督办重大事故隐患中已完成整改的（个）", [new("hazards.supervised.rectified")]),
            ]),
        new("对企业自查自改进行抽查检查情况",
            [
                new(1, "部门抽查检查的企业总数（家）", [new("spotcheck.enterprises")]),
                new(2, "企业主要负责人未按要求亲自研究排查整治工作（家）", [new("spotcheck.head_not_studied")]),
                new(3, "企业主要负责人未带队检查（家）", [new("spotcheck.head_not_led_inspection")]),
                new(4, "企业未制定分管负责人职责清单（家）", [new("spotcheck.no_duty_list")]),
                new(5, "企业未依法建立安全管理机构和配足安全管理人员（家）", [new("spotcheck.no_safety_org")]),
                new(6, "电焊等特种作业岗位人员无证上岗作业（家）", [new("spotcheck.uncertified_special_work")]),
                new(7, "外包外租安全管理混乱（家）", [new("spotcheck.outsourcing_chaos")]),
                new(8, "未按规定开展应急演练、员工不熟悉逃生出口（家）", [new("spotcheck.no_drill")]),
            ]),
        new("部门精准严格执法情况",
            [
                new(1, "帮扶指导重点市、县（个次）", [new("assist.key_regions")]),
                new(2, "帮扶指导重点企业（家次）", [new("assist.key_enterprises")]),
                new(3, "行政处罚（次，万元）", [new("enforcement.penalty.count"), new("enforcement.penalty.amount")]),
                new(4, "企业和企业主要负责人“一案双罚”（次）", [new("enforcement.dual_penalty")]),
                new(5, "移送司法机关（人）", [new("enforcement.judicial_referral.persons")]),
                new(6, "责令停产整顿（家）", [new("enforcement.suspension.enterprises")]),
                new(7, "曝光、约谈、联合惩戒企业（家）", [new("enforcement.exposure.enterprises")]),
                new(8, "公布典型执法案例（个），其中危险作业罪案例（个）", [new("enforcement.typical_cases"), new("enforcement.typical_cases.dangerous_operation_crime")]),
                new(9, "责任倒查追责问责（人）", [new("enforcement.accountability.persons")]),
                new(10, "约谈通报有关地区及部门（次）", [new("enforcement.interviews")]),
            ]),
        new("党委政府组织领导情况",
            [
                new(1, "州、市、县、区党委政府分别组织专题学习安全生产十五条硬措施我省69项举措（次）", [new("leadership.study_sessions")]),
                new(2, "州、市、县、区党委政府主要负责同志分别专题研究（次）", [new("leadership.special_research")]),
                new(3, "州、市、县、区政府负责同志分别现场督导检查（次）", [new("leadership.onsite_supervision")]),
                new(4, "省、州、市、县、区安委会成员单位负责同志分别到企业宣讲（次）", [new("leadership.member_briefings")]),
                new(5, "举报奖励（万元），其中匿名举报查实奖励（万元）", [new("leadership.rewards.amount"), new("leadership.rewards.anonymous_amount")]),
                new(6, "是否在省级主流媒体播放安全生产专题栏目", [new("leadership.media_column")]),
                new(7, "市县两级配备专兼职技术检查员数量（人）", [new("leadership.technical_inspectors")]),
                new(8, "组织开展考核巡查督导检查（次）", [new("leadership.assessment_inspections")]),
            ]),
        ],
        FooterLines = ["审核人：                     填报联系人：             联系电话："],
        Notes = ["注：1.州安委会办公室对各县市、州级有关部门工作进展情况进行月度调度，州级部门只需报送本级工作情况。调度表自5月份开始报送，每月25日前报5月以来累计情况至州安委会办公室邮箱：hhzawb@126.com。联系人及电话：杨健春，3732829，13769439963。", "2.调度表内容应围绕专项排查整治工作并对照方案具体要求如实填报。"],
    };

    public static DispatchTemplate Gecheng() => new()
    {
        Code = GechengVillage,
        Name = "葛城街道办事处重大事故隐患专项排查整治2023行动进展情况月度调度表",
        Title = "葛城街道办事处重大事故隐患专项排查整治2023行动进展情况月度调度表",
        UnitCaption = "村（社区）",
        Source = "002 附件2",
        IssuedAt = [JurisdictionLevel.Township],
        CutoffDay = 30,
        Window = WindowKind.CumulativeToPreviousMonthEnd,
        HolidayShift = false,
        CampaignCode = Records.Campaign.Default,
        Sections = [
        new("总体情况",
            [
                new(1, "企业自查发现的重大事故隐患（个）", [new("hazards.self.found")]),
                new(2, "企业自查发现重大事故隐患中已完成整改的（个）", [new("hazards.self.rectified")]),
                new(3, "排查发现的重大事故隐患（个）", [new("hazards.dept.found")]),
                new(4, "排查发现重大事故隐患中已完成整改的（个）", [new("hazards.dept.rectified")]),
                new(5, "政府挂牌督办的重大事故隐患（个）", [new("hazards.supervised")]),
                new(6, "挂牌督办重大事故隐患中已完成整改的（个）", [new("hazards.supervised.rectified")]),
            ]),
        new("对企业自查自改进行抽查检查情况",
            [
                new(1, "抽查检查的企业总数（家）", [new("spotcheck.enterprises")]),
                new(2, "企业主要负责人未按要求亲自研究排查整治工作（家）", [new("spotcheck.head_not_studied")]),
                new(3, "企业主要负责人未带队检查（家）", [new("spotcheck.head_not_led_inspection")]),
                new(4, "企业未制定全员安全生产责任制职责清单（家）", [new("spotcheck.no_all_staff_duty_list")]),
                new(5, "企业未依法建立安全管理机构和配足安全管理人员（家）", [new("spotcheck.no_safety_org")]),
                new(6, "电焊等特种作业岗位人员无证上岗作业（家）", [new("spotcheck.uncertified_special_work")]),
                new(7, "外包外租安全管理混乱（家）", [new("spotcheck.outsourcing_chaos")]),
                new(8, "未按规定开展应急演练、员工不熟悉逃生出口（家）", [new("spotcheck.no_drill")]),
            ]),
        ],
        Notes = ["注：1．调度表自5月份开始上报，每月30日前上报截至上月末的累计情况。", "2．调度表内容应围绕专项行动并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出问题。如：电焊等人员无证上岗作业，既要通过现场检查发现问题，也要通过对企业动火等特种作业存单进行检查核实来发现问题；外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件、未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。"],
    };
}
