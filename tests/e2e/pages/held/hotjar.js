window.ran = (window.ran || []).concat('hotjar');
