"""The demo site's texts in Azerbaijani, English and Russian (cms/demo.py loads them)."""

HOME = {
    "az": {"title": "Yuva", "hero_title": "Gənc biznes üçün bir pəncərə",
           "hero_text": "Startaplar və ailə biznesləri üçün dəstək: İNNOLAND inkubasiya "
                        "mərkəzləri və ABAD ailə təsərrüfatları proqramı bir yerdə.",
           "body": "<p>Yuva agentliyin bütün xidmətlərini bir portalda toplayır: müraciət "
                   "edin, tədbirlərə yazılın, fabrikdə növbə götürün, sertifikatınızı "
                   "yoxlayın.</p>"},
    "en": {"title": "Yuva", "hero_title": "One window for young businesses",
           "hero_text": "Support for startups and family businesses: the INNOLAND incubation "
                        "centres and the ABAD family business programme in one place.",
           "body": "<p>Yuva brings all of the agency's services into one portal: apply, "
                   "register for events, book a factory shift, check a certificate.</p>"},
    "ru": {"title": "Yuva", "hero_title": "Одно окно для молодого бизнеса",
           "hero_text": "Поддержка стартапов и семейного бизнеса: инкубационные центры "
                        "INNOLAND и программа семейных хозяйств ABAD в одном месте.",
           "body": "<p>Yuva собирает все услуги агентства в одном портале: подайте заявку, "
                   "запишитесь на мероприятие, забронируйте смену на фабрике, проверьте "
                   "сертификат.</p>"},
}

# name -> {language: {"title", "slug", "intro", "body": [(block type, value)]}}
STANDARD = {
    "about": {
        "az": {"title": "Haqqımızda", "slug": "haqqimizda",
               "intro": "Agentlik gənc sahibkarlara və ailə təsərrüfatlarına ideyadan "
                        "bazara qədər yol göstərir.",
               "body": [
                   ("text", "<h2>Missiyamız</h2><p>Biz ASAN prinsipləri ilə işləyirik: "
                            "vətəndaş üçün bir pəncərə, şəffaf qaydalar və ölçülən "
                            "məmnunluq. İNNOLAND mərkəzləri Bakıda, Şəkidə və Şamaxıda "
                            "startapları inkubasiya edir, ABAD isə Quba və Balakəndə ailə "
                            "bizneslərinə pulsuz istehsal imkanı verir.</p>"),
                   ("quote", {"text": "Hər ailənin məhsulu rəfə çıxa bilər, əgər ona yol "
                                      "göstərən olsa.",
                              "attribution": "ABAD proqramının rəhbəri"}),
               ]},
        "en": {"title": "About us", "slug": "about",
               "intro": "The agency guides young entrepreneurs and family businesses from "
                        "the idea to the market.",
               "body": [
                   ("text", "<h2>Our mission</h2><p>We work by the ASAN principles: one "
                            "window for the citizen, transparent rules and measured "
                            "satisfaction. The INNOLAND centres in Baku, Sheki and Shamakhi "
                            "incubate startups; ABAD gives family businesses free production "
                            "in Guba and Balakan.</p>"),
                   ("quote", {"text": "Every family's product can reach the shelf if "
                                      "someone shows the way.",
                              "attribution": "Head of the ABAD programme"}),
               ]},
        "ru": {"title": "О нас", "slug": "o-nas",
               "intro": "Агентство ведёт молодых предпринимателей и семейные хозяйства от "
                        "идеи до рынка.",
               "body": [
                   ("text", "<h2>Наша миссия</h2><p>Мы работаем по принципам ASAN: одно "
                            "окно для гражданина, прозрачные правила и измеримая "
                            "удовлетворённость. Центры INNOLAND в Баку, Шеки и Шамахы "
                            "инкубируют стартапы, а ABAD даёт семейным хозяйствам бесплатное "
                            "производство в Губе и Балакене.</p>"),
                   ("quote", {"text": "Продукт каждой семьи может попасть на полку, если "
                                      "ей покажут дорогу.",
                              "attribution": "Руководитель программы ABAD"}),
               ]},
    },
    "how_to_apply": {
        "az": {"title": "Necə müraciət etmək olar", "slug": "muraciet",
               "intro": "Açıq çağırışa müraciət bir neçə addımdan ibarətdir.",
               "body": [
                   ("text", "<ol><li>Portalda hesab yaradın və e-poçtunuzu təsdiqləyin."
                            "</li><li>Startapınızın profilini doldurun.</li><li>Açıq "
                            "çağırışı seçin və suallara cavab verin.</li><li>Müraciətin "
                            "vəziyyətini portalda izləyin.</li></ol>"),
                   ("call_to_action", {"title": "Hazırsınız?",
                                       "text": "Açıq çağırışlar portalda sizi gözləyir.",
                                       "button_label": "Portala keçin", "page": None,
                                       "url": "/portal/"}),
               ]},
        "en": {"title": "How to apply", "slug": "how-to-apply",
               "intro": "Applying to an open call takes a few steps.",
               "body": [
                   ("text", "<ol><li>Create an account in the portal and confirm your "
                            "e-mail.</li><li>Fill in your startup's profile.</li><li>Choose "
                            "an open call and answer its questions.</li><li>Follow your "
                            "application's status in the portal.</li></ol>"),
                   ("call_to_action", {"title": "Ready?",
                                       "text": "The open calls are waiting in the portal.",
                                       "button_label": "Go to the portal", "page": None,
                                       "url": "/portal/"}),
               ]},
        "ru": {"title": "Как подать заявку", "slug": "kak-podat-zayavku",
               "intro": "Заявка на открытый конкурс — это несколько шагов.",
               "body": [
                   ("text", "<ol><li>Создайте учётную запись в портале и подтвердите "
                            "e-mail.</li><li>Заполните профиль стартапа.</li><li>Выберите "
                            "открытый конкурс и ответьте на вопросы.</li><li>Следите за "
                            "статусом заявки в портале.</li></ol>"),
                   ("call_to_action", {"title": "Готовы?",
                                       "text": "Открытые конкурсы ждут вас в портале.",
                                       "button_label": "Перейти в портал", "page": None,
                                       "url": "/portal/"}),
               ]},
    },
    "how_abad_works": {
        "az": {"title": "ABAD necə işləyir", "slug": "abad-nece-isleyir",
               "intro": "ABAD ailəni A-dan Z-yə qədər müşayiət edir.",
               "body": [
                   ("text", "<p>Biznes planı, brend, qablaşdırma və etiket dizaynı, hüquqi "
                            "və mühasibat yardımı, təlimlər — hamısı pulsuzdur. Ailələr "
                            "texnoloqun nəzarəti altında tam təchiz olunmuş fabriklərdə "
                            "növbə ilə istehsal edir, məhsullar ümumi ABAD brendi ilə "
                            "supermarketlərin rəflərinə çıxır.</p>"),
                   ("faq", {"heading": "Tez-tez verilən suallar", "items": [
                       {"question": "Fabrikdən istifadə pulludurmu?",
                        "answer": "<p>Xeyr, növbələr ailələr üçün pulsuzdur.</p>"},
                       {"question": "Kim müraciət edə bilər?",
                        "answer": "<p>Qida və ya sənətkarlıq məhsulu istehsal edən hər "
                                  "ailə təsərrüfatı.</p>"},
                   ]}),
               ]},
        "en": {"title": "How ABAD works", "slug": "how-abad-works",
               "intro": "ABAD takes a family from A to Z.",
               "body": [
                   ("text", "<p>Business plan, brand, packaging and label design, legal and "
                            "accounting help, training — all free. Families produce on "
                            "shifts in fully equipped factories under a technician's "
                            "supervision, and the products reach supermarket shelves under "
                            "the common ABAD brand.</p>"),
                   ("faq", {"heading": "Frequently asked questions", "items": [
                       {"question": "Does using the factory cost anything?",
                        "answer": "<p>No, shifts are free for families.</p>"},
                       {"question": "Who can apply?",
                        "answer": "<p>Any family business making food or craft "
                                  "products.</p>"},
                   ]}),
               ]},
        "ru": {"title": "Как работает ABAD", "slug": "kak-rabotaet-abad",
               "intro": "ABAD сопровождает семью от А до Я.",
               "body": [
                   ("text", "<p>Бизнес-план, бренд, дизайн упаковки и этикетки, юридическая "
                            "и бухгалтерская помощь, обучение — всё бесплатно. Семьи "
                            "производят посменно на полностью оснащённых фабриках под "
                            "контролем технолога, а продукция попадает на полки "
                            "супермаркетов под общим брендом ABAD.</p>"),
                   ("faq", {"heading": "Частые вопросы", "items": [
                       {"question": "Платно ли пользоваться фабрикой?",
                        "answer": "<p>Нет, смены для семей бесплатны.</p>"},
                       {"question": "Кто может подать заявку?",
                        "answer": "<p>Любое семейное хозяйство, которое производит "
                                  "продукты питания или ремесленные изделия.</p>"},
                   ]}),
               ]},
    },
    "booking_rules": {
        "az": {"title": "Fabrikdə növbə qaydaları", "slug": "novbe-qaydalari",
               "intro": "Növbələr pulsuz ictimai resursdur, ona görə qaydalar hamı üçün "
                        "eyni və açıqdır.",
               "body": [("booking_rules", {"heading": "Hər fabrikin qüvvədə olan qaydaları"})]},
        "en": {"title": "Factory booking rules", "slug": "factory-booking-rules",
               "intro": "Shifts are a free public resource, so the rules are the same for "
                        "everyone and published.",
               "body": [("booking_rules", {"heading": "The rules in force at each factory"})]},
        "ru": {"title": "Правила записи на смены", "slug": "pravila-zapisi",
               "intro": "Смены — бесплатный общественный ресурс, поэтому правила одинаковы "
                        "для всех и опубликованы.",
               "body": [("booking_rules", {"heading": "Действующие правила каждой "
                                                      "фабрики"})]},
    },
}

NEWS_INDEX = {
    "az": {"title": "Xəbərlər", "slug": "xeberler", "intro": "Agentliyin son xəbərləri."},
    "en": {"title": "News", "slug": "news", "intro": "The agency's latest news."},
    "ru": {"title": "Новости", "slug": "novosti", "intro": "Последние новости агентства."},
}

# (date, colour, tags, {language: (title, slug, intro, text, image alt)})
NEWS = (
    ("2026-11-24", (11, 79, 108), ("abad", "quba"), {
        "az": ("Quba fabrikində yeni mürəbbə xətti", "quba-yeni-xett",
               "Fabrikdə gündə 400 banka mürəbbə bişirə bilən ikinci xətt işə düşdü.",
               "<p>Yeni xətt ailələrin növbə gözləmə müddətini yarıya endirəcək.</p>",
               "Quba fabrikində mis qazanlar və mürəbbə bankaları olan istehsal xətti"),
        "en": ("A new jam line at the Guba factory", "guba-new-line",
               "A second line that can cook 400 jars of jam a day has started.",
               "<p>The new line will halve the families' wait for a shift.</p>",
               "A production line with copper pans and jam jars at the Guba factory"),
        "ru": ("Новая линия варенья на фабрике в Губе", "guba-novaya-liniya",
               "Запущена вторая линия, на которой можно варить 400 банок варенья в день.",
               "<p>Новая линия вдвое сократит ожидание смены для семей.</p>",
               "Производственная линия с медными тазами и банками варенья на фабрике в "
               "Губе"),
    }),
    ("2026-11-10", (179, 89, 0), ("innoland", "startap"), {
        "az": ("Start-up Fest 2026: qeydiyyat açıldı", "startup-fest-2026",
               "İlin əsas startap tədbirinə qeydiyyat portalda başladı.",
               "<p>Festivalda 40 startap investorlar qarşısında çıxış edəcək.</p>",
               "Start-up Fest səhnəsində çıxış edən gənc sahibkar"),
        "en": ("Start-up Fest 2026: registration is open", "startup-fest-2026",
               "Registration for the year's main startup event has opened in the portal.",
               "<p>Forty startups will pitch to investors at the festival.</p>",
               "A young entrepreneur pitching on the Start-up Fest stage"),
        "ru": ("Start-up Fest 2026: регистрация открыта", "startup-fest-2026",
               "В портале открылась регистрация на главное стартап-событие года.",
               "<p>На фестивале 40 стартапов выступят перед инвесторами.</p>",
               "Молодой предприниматель выступает на сцене Start-up Fest"),
    }),
    ("2026-10-28", (31, 122, 61), ("abad", "balaken"), {
        "az": ("Balakən fındığı supermarket rəflərində", "balaken-findigi",
               "Balakən ailələrinin fındığı ABAD brendi ilə 30 mağazada satılır.",
               "<p>Müqavilə ilk ildə 12 ton fındığın satışını nəzərdə tutur.</p>",
               "ABAD etiketli fındıq paketləri supermarket rəfində"),
        "en": ("Balakan hazelnuts on supermarket shelves", "balakan-hazelnuts",
               "Hazelnuts from Balakan families are sold in 30 stores under the ABAD brand.",
               "<p>The contract covers 12 tonnes of hazelnuts in its first year.</p>",
               "Packets of hazelnuts with the ABAD label on a supermarket shelf"),
        "ru": ("Балакенский фундук на полках супермаркетов", "balakenskiy-funduk",
               "Фундук балакенских семей продаётся в 30 магазинах под брендом ABAD.",
               "<p>Контракт предусматривает продажу 12 тонн фундука в первый год.</p>",
               "Пакеты фундука с этикеткой ABAD на полке супермаркета"),
    }),
    ("2026-10-06", (91, 44, 111), ("innoland", "sheki"), {
        "az": ("İNNOLAND Şəki ilk məzunlarını yola saldı", "seki-mezunlar",
               "Şəki filialında 12 startap akselerasiya proqramını bitirdi.",
               "<p>Məzunların yarısı artıq ilk müştərilərini qazanıb.</p>",
               "Sertifikatlarını tutan İNNOLAND Şəki məzunları"),
        "en": ("INNOLAND Sheki sees off its first graduates", "sheki-graduates",
               "Twelve startups finished the acceleration programme at the Sheki branch.",
               "<p>Half of the graduates already have their first customers.</p>",
               "INNOLAND Sheki graduates holding their certificates"),
        "ru": ("INNOLAND Шеки выпустил первых выпускников", "sheki-vypuskniki",
               "Двенадцать стартапов завершили программу акселерации в филиале в Шеки.",
               "<p>У половины выпускников уже есть первые клиенты.</p>",
               "Выпускники INNOLAND Шеки с сертификатами"),
    }),
)

CONTACT = {
    "az": {"title": "Əlaqə", "slug": "elaqe",
           "intro": "Sualınız var? Yazın, iki iş günü ərzində cavab verəcəyik.",
           "thank_you_text": "Təşəkkür edirik! Mesajınızı aldıq və tezliklə cavab verəcəyik.",
           "subject": "Saytdan yeni mesaj",
           "fields": ("Adınız", "E-poçt ünvanınız", "Mesajınız")},
    "en": {"title": "Contact", "slug": "contact",
           "intro": "Have a question? Write to us and we will answer within two working days.",
           "thank_you_text": "Thank you! We have received your message and will answer soon.",
           "subject": "New message from the website",
           "fields": ("Your name", "Your e-mail address", "Your message")},
    "ru": {"title": "Контакты", "slug": "kontakty",
           "intro": "Есть вопрос? Напишите нам, и мы ответим в течение двух рабочих дней.",
           "thank_you_text": "Спасибо! Мы получили ваше сообщение и скоро ответим.",
           "subject": "Новое сообщение с сайта",
           "fields": ("Ваше имя", "Ваш адрес e-mail", "Ваше сообщение")},
}

FOOTER = {
    "az": "Yuva — startaplar və ailə biznesləri üçün dövlət dəstəyi. Bakı, Bakıxanov küçəsi 24.",
    "en": "Yuva — public support for startups and family businesses. 24 Bakikhanov St, Baku.",
    "ru": "Yuva — государственная поддержка стартапов и семейного бизнеса. Баку, ул. "
          "Бакиханова 24.",
}
