"""strategies.indicator rows; IND maps a code to its pk for the targets."""

indicators = []
IND = {}


def indicator(code, name, name_en, measure_unit, source, description=""):
    pk = len(indicators) + 1
    IND[code] = pk
    indicators.append(
        {
            "model": "strategies.indicator",
            "pk": pk,
            "fields": {
                "code": code,
                "name": name,
                "name_en": name_en,
                "measure_unit": measure_unit,
                "source": source,
                "description": description,
            },
        }
    )


indicator(
    "facilities-aware",
    "Cơ sở sản xuất công nghiệp nhận thức được lợi ích của việc áp dụng sản xuất sạch hơn",
    "Industrial facilities aware of the benefits of cleaner production",
    "percent",
    "computed",
)
indicator(
    "facilities-applying",
    "Cơ sở sản xuất công nghiệp áp dụng sản xuất sạch hơn",
    "Industrial facilities applying cleaner production",
    "percent",
    "computed",
)
indicator(
    "resource-saving",
    "Mức tiết kiệm năng lượng, nguyên liệu, nhiên liệu, vật liệu trên đơn vị sản phẩm của các cơ sở áp dụng sản xuất sạch hơn",
    "Saving of energy, raw materials, fuel and materials per unit of product among facilities applying cleaner production",
    "percent",
    "computed",
)
indicator(
    "doits-with-officer",
    "Sở Công Thương có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn",
    "Departments of Industry and Trade with a dedicated officer able to guide cleaner production",
    "percent",
    "reported",
    "Tỷ lệ trên cả nước (chỉ tiêu quốc gia).",
)
indicator(
    "doit-has-officer",
    "Sở Công Thương của tỉnh có cán bộ chuyên trách đủ năng lực hướng dẫn áp dụng sản xuất sạch hơn",
    "The province's Department of Industry and Trade has a dedicated officer able to guide cleaner production",
    "boolean",
    "milestone",
    "Chỉ tiêu của một tỉnh, cụ thể hóa tỷ lệ Sở Công Thương có cán bộ chuyên trách.",
)
indicator(
    "enterprises-with-unit",
    "Doanh nghiệp vừa và lớn có bộ phận chuyên trách về sản xuất sạch hơn",
    "Medium and large enterprises with a dedicated cleaner-production unit",
    "percent",
    "computed",
)
indicator(
    "officers-trained",
    "Cán bộ chuyên trách về sản xuất sạch hơn ở các cấp, các ngành được đào tạo, tập huấn",
    "Cleaner-production officers at all levels trained",
    "percent",
    "reported",
)
indicator(
    "enterprises-with-trained-staff",
    "Doanh nghiệp có cán bộ kỹ thuật được tập huấn về sản xuất sạch hơn",
    "Enterprises with technical staff trained in cleaner production",
    "percent",
    "reported",
)
indicator(
    "support-unit-established",
    "Thành lập bộ phận hỗ trợ sản xuất sạch hơn trong công nghiệp",
    "Cleaner-production support unit set up",
    "boolean",
    "milestone",
)
indicator(
    "green-tech-output-share",
    "Giá trị sản phẩm tạo ra từ công nghệ xanh trong giá trị sản xuất công nghiệp",
    "Share of industrial output value produced with green technology",
    "percent",
    "reported",
)
indicator(
    "facilities-meeting-env-standards",
    "Cơ sở sản xuất, kinh doanh đạt tiêu chuẩn về bảo vệ môi trường",
    "Production and business establishments meeting environmental protection standards",
    "percent",
    "reported",
)
indicator(
    "workshops-held",
    "Số hội thảo về sản xuất sạch hơn đã tổ chức",
    "Cleaner-production workshops held",
    "count",
    "reported",
)
indicator(
    "trainings-held",
    "Số khóa đào tạo, tập huấn về sản xuất sạch hơn đã tổ chức",
    "Cleaner-production training courses held",
    "count",
    "reported",
)
indicator(
    "enterprises-trained",
    "Số doanh nghiệp tham gia đào tạo, tập huấn về sản xuất sạch hơn",
    "Enterprises taking part in cleaner-production training",
    "count",
    "reported",
)
