window.ran = (window.ran || []).concat('marketing-ext');
