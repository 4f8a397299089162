"""Word lists the demo data is drawn from: Chinese names, trade names, lines of business, Shanghai places."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"华信:huaxin 远航:yuanhang"`` → ``(("华信", "huaxin"), ("远航", "yuanhang"))``."""
    return tuple((left, right) for left, _, right in (word.partition(":") for word in text.split()))


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈"
GIVEN_NAMES = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 华 平 刚 桂英 建华 文 斌 "
    "志强 晓东 海燕 雪 婷 宇 浩 欣怡 子涵 俊杰 梓轩 思远 佳怡 一鸣 嘉伟 晨曦 雨桐 "
    "国强 振华 丽华 永刚 春梅 立新 新民 卫东 小红 晓明 建国 玉兰"
)
# Trade names (字号), with a latin spelling for the mail domain.
BRANDS = _pairs(
    "华信:huaxin 远航:yuanhang 瑞丰:ruifeng 恒通:hengtong 博睿:borui 嘉禾:jiahe "
    "鼎泰:dingtai 中科睿:zhongkerui 云图:yuntu 星辰:xingchen 海纳:haina 明德:mingde "
    "凯悦达:kaiyueda 天工:tiangong 锦程:jincheng 汇金:huijin 卓越:zhuoyue 润泽:runze "
    "安泰:antai 宏达:hongda 众合:zhonghe 新元:xinyuan 广联:guanglian 智汇:zhihui "
    "信达:xinda 朗润:langrun 佳美:jiamei 东方红:dongfanghong 金桥:jinqiao 蓝海:lanhai "
    "青禾:qinghe 同舟:tongzhou 诚泰:chengtai 思源:siyuan 弘毅:hongyi 精诚:jingcheng "
    "景行:jingxing 长风:changfeng 万象:wanxiang 启明:qiming 正和:zhenghe 华美:huamei "
    "九州通达:jiuzhoutongda 璞石:pushi 合力:heli 鸿运:hongyun 优联:youlian 德润:derun "
    "沐光:muguang 知行:zhixing"
)
# Lines of business, as they appear in a company's registered name.
INDUSTRIES = _pairs(
    "信息科技:tech 网络科技:net 商务咨询:consulting 投资管理:invest 国际贸易:trade "
    "文化传媒:media 建筑设计:design 广告:ad 人力资源:hr 教育科技:edu 医药科技:pharma "
    "物流:logistics 电子商务:shop 供应链管理:scm 融资租赁:finlease 餐饮管理:food "
    "品牌管理:brand 企业管理咨询:mc 软件:soft 数据科技:data"
)
# A contact's position, and the mailbox they answer.
POSITIONS = _pairs(
    "总经理:gm 行政经理:admin 财务经理:finance 办公室主任:office 法务专员:legal IT主管:it 人事经理:hr"
)
# Shanghai districts with their administrative division code (positions 3–8 of a credit code).
DISTRICTS = _pairs(
    "黄浦区:310101 徐汇区:310104 长宁区:310105 静安区:310106 普陀区:310107 虹口区:310109 "
    "杨浦区:310110 浦东新区:310115"
)
ROADS = _words("世纪大道 南京西路 淮海中路 延安西路 陆家嘴环路 张杨路 漕溪北路 长寿路 四川北路 江湾路 虹桥路")
PARKS = _words("浦江国际 金融港 云锦 汇智 天合 星海 中环 东岸 临港 静安中心")
# Resident IDs: area codes that exist for every birth year used, so the IDs pass stdnum's birth-place check.
RESIDENT_AREAS = ("310101", "310104", "310105", "310106", "310107", "310109", "310110", "110105")
