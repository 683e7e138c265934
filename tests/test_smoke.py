def test_home_page_opens_in_vietnamese_for_a_visitor(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert "Sản xuất sạch hơn trong công nghiệp" in response.content.decode()
