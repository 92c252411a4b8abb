window.ran = (window.ran || []).concat('slow');
