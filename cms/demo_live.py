"""Demo pages of the live part of the site for `manage.py seed_demo` (registered with
order=10, after cms-frame's hook has built the home page): centres, programmes, events,
the startup directory, the ABAD catalogue and two family stories, each in Azerbaijani
with English and Russian translations. Keyed on the page type and the linked record:
a second run creates nothing."""

from django.db import transaction
from wagtail.rich_text import RichText

from cms.models import (
    CataloguePage,
    CentreIndexPage,
    CentrePage,
    EventIndexPage,
    FamilyStoryPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StartupDirectoryPage,
)
from cms.pagetree import add_translated_page, child_of_type, home_pages
from core.models import Centre
from families.models import Family
from programmes.models import Programme


def _story(*paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


# (model, slug, {lang: (title, slug, intro)})
INDEXES = (
    (CentreIndexPage, {
        "az": ("Mərkəzlər", "merkezler",
               "INNOLAND inkubasiya mərkəzləri və ABAD fabrikləri: ünvanlar, iş saatları və "
               "orada keçirilən tədbirlər."),
        "en": ("Centres", "centres",
               "INNOLAND incubation centres and ABAD factories: addresses, opening hours and "
               "the events held there."),
        "ru": ("Центры", "tsentry",
               "Инкубационные центры INNOLAND и фабрики ABAD: адреса, часы работы и "
               "мероприятия, которые там проходят."),
    }),
    (ProgrammeIndexPage, {
        "az": ("Proqramlar", "proqramlar",
               "İdeyadan böyüməyə qədər: inkubasiya, pre-akselerasiya və akselerasiya "
               "proqramları. Açıq müsabiqəyə elə buradan müraciət edin."),
        "en": ("Programmes", "programmes",
               "From idea to growth: incubation, pre-acceleration and acceleration "
               "programmes. Apply to an open call right here."),
        "ru": ("Программы", "programmy",
               "От идеи до роста: инкубация, преакселерация и акселерация. Подайте заявку "
               "на открытый конкурс прямо здесь."),
    }),
    (EventIndexPage, {
        "az": ("Tədbirlər", "tedbirler",
               "Start-up Fest, demo günləri, görüşlər, təlimlər və vebinarlar. Qeydiyyat "
               "pulsuzdur."),
        "en": ("Events", "events",
               "Start-up Fest, demo days, meetups, trainings and webinars. Registration is "
               "free."),
        "ru": ("Мероприятия", "meropriyatiya",
               "Start-up Fest, демо-дни, встречи, тренинги и вебинары. Регистрация "
               "бесплатная."),
    }),
    (StartupDirectoryPage, {
        "az": ("Startaplar", "startaplar",
               "INNOLAND-də böyüyən və profilini açıq paylaşan startaplar."),
        "en": ("Startups", "startups",
               "Startups growing at INNOLAND that chose to share their profile."),
        "ru": ("Стартапы", "startapy",
               "Стартапы, которые растут в INNOLAND и открыли свой профиль."),
    }),
    (CataloguePage, {
        "az": ("ABAD kataloqu", "kataloq",
               "Ailə bizneslərinin ABAD brendi altında satılan məhsulları və onları harada "
               "almaq olar."),
        "en": ("ABAD catalogue", "catalogue",
               "Products family businesses sell under the ABAD brand, and where to buy "
               "them."),
        "ru": ("Каталог ABAD", "katalog",
               "Продукты семейных предприятий под брендом ABAD и где их купить."),
    }),
)

WEEKDAYS = {"az": ("Bazar ertəsi–Cümə 09:00–18:00", "Şənbə 10:00–15:00", "Bazar: bağlıdır"),
            "en": ("Monday–Friday 09:00–18:00", "Saturday 10:00–15:00", "Sunday: closed"),
            "ru": ("Понедельник–пятница 09:00–18:00", "Суббота 10:00–15:00",
                   "Воскресенье: выходной")}
FACTORY_HOURS = {"az": ("Növbələr: Bazar ertəsi–Şənbə 08:00–13:00 və 14:00–19:00",
                        "Qəbul: Bazar ertəsi–Cümə 09:00–17:00"),
                 "en": ("Shifts: Monday–Saturday 08:00–13:00 and 14:00–19:00",
                        "Reception: Monday–Friday 09:00–17:00"),
                 "ru": ("Смены: понедельник–суббота 08:00–13:00 и 14:00–19:00",
                        "Приём: понедельник–пятница 09:00–17:00")}

# centre slug → {lang: (title, intro, facilities, story)}
CENTRES = {
    "innoland-baku": ({
        "az": ("INNOLAND Bakı", "Paytaxtdakı əsas inkubasiya və akselerasiya mərkəzi.",
               ("Açıq ofis (80 iş yeri)", "Konfrans zalı (150 nəfər)", "Prototip "
                "emalatxanası", "Podkast studiyası"),
               ("Startaplar burada mentorlarla həftəlik görüşür, investorlar qarşısında "
                "Demo Day-ə hazırlaşır və hər il Start-up Fest-i birlikdə keçirirlər.",)),
        "en": ("INNOLAND Baku", "The main incubation and acceleration centre, in the capital.",
               ("Open office (80 desks)", "Conference hall (150 seats)", "Prototyping "
                "workshop", "Podcast studio"),
               ("Startups meet their mentors here every week, prepare for Demo Day in front "
                "of investors and run the yearly Start-up Fest together.",)),
        "ru": ("INNOLAND Баку", "Главный центр инкубации и акселерации, в столице.",
               ("Открытый офис (80 мест)", "Конференц-зал (150 мест)", "Мастерская "
                "прототипирования", "Подкаст-студия"),
               ("Здесь стартапы еженедельно встречаются с менторами, готовятся к Demo Day "
                "перед инвесторами и вместе проводят ежегодный Start-up Fest.",)),
    }, WEEKDAYS),
    "innoland-sheki": ({
        "az": ("INNOLAND Şəki", "Şəki-Zaqatala bölgəsinin gənc komandaları üçün filial.",
               ("Kovorkinq (30 iş yeri)", "Təlim otağı", "Videokonfrans otağı"),
               ("Turizm, aqrotexnologiya və sənətkarlıq ideyaları olan komandalar burada "
                "pre-akselerasiya proqramından keçir.",)),
        "en": ("INNOLAND Sheki", "The branch for young teams of the Sheki-Zagatala region.",
               ("Coworking (30 desks)", "Training room", "Video-conference room"),
               ("Teams with tourism, agritech and craft ideas go through the "
                "pre-acceleration programme here.",)),
        "ru": ("INNOLAND Шеки", "Филиал для молодых команд Шеки-Загатальского региона.",
               ("Коворкинг (30 мест)", "Учебный класс", "Комната видеоконференций"),
               ("Команды с идеями в туризме, агротехе и ремёслах проходят здесь "
                "преакселерацию.",)),
    }, WEEKDAYS),
    "innoland-shamakhi": ({
        "az": ("INNOLAND Şamaxı", "Kənd təsərrüfatı və yaşıl enerji üzrə inkubasiya.",
               ("Kovorkinq (24 iş yeri)", "Torpaq və su laboratoriyası", "Sınaq sahəsi"),
               ("Üzümçülük, suvarma və günəş enerjisi layihələri altı aylıq inkubasiyada "
                "sahədə sınaqdan keçirilir.",)),
        "en": ("INNOLAND Shamakhi", "Incubation for agriculture and green energy.",
               ("Coworking (24 desks)", "Soil and water laboratory", "Test field"),
               ("Vineyard, irrigation and solar projects are tested in the field during a "
                "six-month incubation.",)),
        "ru": ("INNOLAND Шамахы", "Инкубация в сельском хозяйстве и зелёной энергетике.",
               ("Коворкинг (24 места)", "Лаборатория почвы и воды", "Опытное поле"),
               ("Проекты по виноградарству, орошению и солнечной энергии проходят полевые "
                "испытания за шесть месяцев инкубации.",)),
    }, WEEKDAYS),
    "abad-guba-factory": ({
        "az": ("ABAD Quba fabriki", "Ailələrin pulsuz növbələrlə istehsal etdiyi fabrik.",
               ("Mürəbbə və konserv xətti", "Meyvə qurutma xətti", "Qablaşdırma və "
                "etiketləmə", "Soyuducu anbar"),
               ("Ailələr texnoloqun nəzarəti altında növbə sifariş edir, məhsullarını "
                "bişirir, qablaşdırır və ABAD brendi ilə satışa hazırlayır.",)),
        "en": ("ABAD Guba factory", "The factory where families produce on free shifts.",
               ("Jam and preserves line", "Fruit drying line", "Packing and labelling",
                "Cold store"),
               ("Families book shifts under a technician's supervision, cook and pack their "
                "products and get them ready for sale under the ABAD brand.",)),
        "ru": ("Фабрика ABAD в Губе", "Фабрика, где семьи производят в бесплатные смены.",
               ("Линия варенья и консервов", "Линия сушки фруктов", "Фасовка и "
                "маркировка", "Холодильный склад"),
               ("Семьи бронируют смены под контролем технолога, варят и фасуют продукцию и "
                "готовят её к продаже под брендом ABAD.",)),
    }, FACTORY_HOURS),
    "abad-balakan": ({
        "az": ("ABAD Balakən regional mərkəzi", "Şimal-qərb bölgəsinin ailə biznesləri üçün.",
               ("Fındıq emalı xətti", "Süd məhsulları otağı", "Sənətkarlıq emalatxanası",
                "Məsləhət otağı"),
               ("Fındıq, pendir, bal və ipək kəlağayı istehsal edən ailələr burada məsləhət "
                "alır, təlim keçir və növbə ilə istehsal edir.",)),
        "en": ("ABAD Balakan regional centre", "For family businesses of the north-west.",
               ("Hazelnut processing line", "Dairy room", "Craft workshop",
                "Advice room"),
               ("Families making hazelnuts, cheese, honey and silk kelaghayi get advice, "
                "training and production shifts here.",)),
        "ru": ("Региональный центр ABAD в Балакене", "Для семейных предприятий северо-запада.",
               ("Линия переработки фундука", "Молочный цех", "Ремесленная мастерская",
                "Консультационная"),
               ("Семьи, производящие фундук, сыр, мёд и шёлковые кялагаи, получают здесь "
                "консультации, обучение и производственные смены.",)),
    }, FACTORY_HOURS),
}

# programme slug → {lang: (title, intro)}
PROGRAMMES = {
    "innoland-baku-acceleration": {
        "az": ("INNOLAND Bakı Akselerasiya", "Gəlir əldə edən startaplar üçün 16 həftə: "
               "mentorlar, investorlar və Demo Day."),
        "en": ("INNOLAND Baku Acceleration", "Sixteen weeks for startups with revenue: "
               "mentors, investors and a Demo Day."),
        "ru": ("Акселерация INNOLAND Баку", "Шестнадцать недель для стартапов с выручкой: "
               "менторы, инвесторы и Demo Day."),
    },
    "innoland-sheki-pre-acceleration": {
        "az": ("INNOLAND Şəki Pre-akselerasiya", "İdeyanı on həftədə MVP-yə çevirin."),
        "en": ("INNOLAND Sheki Pre-acceleration", "Turn an idea into an MVP in ten weeks."),
        "ru": ("Преакселерация INNOLAND Шеки", "Превратите идею в MVP за десять недель."),
    },
    "innoland-shamakhi-incubation": {
        "az": ("INNOLAND Şamaxı İnkubasiya", "Aqro və yaşıl enerji ideyaları üçün altı ay."),
        "en": ("INNOLAND Shamakhi Incubation", "Six months for agri and green-energy ideas."),
        "ru": ("Инкубация INNOLAND Шамахы", "Шесть месяцев для агро- и "
               "энергетических идей."),
    },
}

# family (enterprise name) → {lang: (title, slug, intro, story)}
STORIES = {
    "Quba Mürəbbə Evi": {
        "az": ("Quba Mürəbbə Evi: nənənin reseptindən rəfə", "quba-murebbe-evi",
               "Günel Quliyeva ailəsi ilə Quba almasından mürəbbə bişirir.",
               ("Günel xanım mürəbbəni əvvəllər yalnız qonşular üçün bişirirdi. ABAD-ın "
                "Quba fabrikində növbə götürdükdən sonra ailə ilk partiyasını etiketlə "
                "satışa çıxardı.", "İndi alma, heyva və zoğal mürəbbələri Bakının "
                "marketlərində satılır.")),
        "en": ("Quba Jam House: from grandmother's recipe to the shelf", "quba-jam-house",
               "Günel Quliyeva and her family cook jam from Guba apples.",
               ("Günel used to cook jam only for the neighbours. After booking shifts at "
                "ABAD's Guba factory, the family put its first labelled batch on sale.",
                "Today its apple, quince and cornel jams are sold in Baku supermarkets.")),
        "ru": ("Дом варенья Губы: от бабушкиного рецепта до полки", "dom-varenya-guby",
               "Гюнель Кулиева с семьёй варит варенье из губинских яблок.",
               ("Раньше Гюнель варила варенье только для соседей. Забронировав смены на "
                "фабрике ABAD в Губе, семья выпустила в продажу первую партию с этикеткой.",
                "Сегодня её яблочное, айвовое и кизиловое варенье продаётся в супермаркетах "
                "Баку.")),
    },
    "Qafarovların Şəki Pendiri": {
        "az": ("Qafarovların Şəki pendiri", "qafarovlarin-sheki-pendiri",
               "Dağ kəndi Kişdən motal və şor pendiri.",
               ("Rəna və Tofiq Qafarov südü kənd təsərrüfatçılarından toplayır və "
                "pendiri köhnə üsulla, dəri motallarda yetişdirir.",
                "ABAD onlara sanitariya sertifikatı almağa və qablaşdırma hazırlamağa kömək "
                "etdi.")),
        "en": ("The Qafarovs' Sheki cheese", "qafarovs-sheki-cheese",
               "Motal and shor cheese from the mountain village of Kish.",
               ("Rana and Tofiq Qafarov collect milk from village farmers and age the "
                "cheese the old way, in leather motal bags.",
                "ABAD helped them obtain a food-safety certificate and design their "
                "packaging.")),
        "ru": ("Шекинский сыр Гафаровых", "shekinskiy-syr-gafarovykh",
               "Сыр мотал и шор из горного села Киш.",
               ("Рена и Тофиг Гафаровы собирают молоко у сельских фермеров и выдерживают "
                "сыр по-старинному, в кожаных мешках-моталах.",
                "ABAD помог им получить сертификат безопасности и разработать упаковку.")),
    },
}


def _index(homes, model, texts):
    existing = child_of_type(homes["az"], model)
    if existing is not None:
        return {code: existing.get_translation(homes[code].locale).specific
                for code in homes}, 0
    title, slug, intro = texts["az"]
    pages = add_translated_page(homes["az"], model(title=title, slug=slug, intro=intro,
                                                     show_in_menus=True), {
        code: {"title": t, "slug": s, "intro": i}
        for code, (t, s, i) in texts.items() if code != "az"})
    return pages, 1


def seed(*, stdout):
    created = 0
    with transaction.atomic():
        homes = home_pages()
        indexes = {}
        for model, texts in INDEXES:
            indexes[model], n = _index(homes, model, texts)
            created += n
        created += _seed_centres(indexes[CentreIndexPage])
        created += _seed_programmes(indexes[ProgrammeIndexPage])
        created += _seed_stories(indexes[CataloguePage])
    stdout.write(f"cms (live pages): {created} pages created, each in az, en and ru.")


def _seed_centres(index):
    created = 0
    centres = Centre.objects.in_bulk(list(CENTRES), field_name="slug")
    for slug, (texts, hours) in CENTRES.items():
        centre = centres.get(slug)
        if centre is None or child_of_type(index["az"], CentrePage, centre=centre):
            continue

        def fields(code, texts=texts, hours=hours):
            title, intro, facilities, story = texts[code]
            return {"title": title, "intro": intro, "opening_hours": "\n".join(hours[code]),
                    "facilities": "\n".join(facilities), "body": _story(*story)}

        add_translated_page(index["az"], CentrePage(slug=slug, centre=centre, **fields("az")),
                            {code: fields(code) for code in ("en", "ru")})
        created += 1
    return created


def _seed_programmes(index):
    created = 0
    programmes = Programme.objects.in_bulk(list(PROGRAMMES), field_name="slug")
    for slug, texts in PROGRAMMES.items():
        programme = programmes.get(slug)
        if programme is None or child_of_type(index["az"], ProgrammePage, programme=programme):
            continue
        add_translated_page(
            index["az"],
            ProgrammePage(slug=slug, programme=programme, title=texts["az"][0],
                          intro=texts["az"][1]),
            {code: {"title": texts[code][0], "intro": texts[code][1]} for code in ("en", "ru")})
        created += 1
    return created


def _seed_stories(catalogue):
    created = 0
    families = {f.enterprise.name: f for f in Family.objects.filter(
        enterprise__name__in=list(STORIES)).select_related("enterprise")}
    for name, texts in STORIES.items():
        family = families.get(name)
        if family is None or child_of_type(catalogue["az"], FamilyStoryPage, family=family):
            continue

        def fields(code, texts=texts):
            title, slug, intro, story = texts[code]
            return {"title": title, "slug": slug, "intro": intro, "body": _story(*story)}

        add_translated_page(catalogue["az"], FamilyStoryPage(family=family, **fields("az")),
                            {code: fields(code) for code in ("en", "ru")})
        created += 1
    return created
